'use strict';
// Checks a CloudFormation/SAM template against CloudFormation's resource specification as published in the
// pinned npm package @aws-cdk/aws-service-spec (package.json), which also describes AWS::Serverless::*.
//
// Input (stdin): the template as JSON, intrinsic functions in their long form ({"Ref": x}, {"Fn::Sub": ...});
// TemplateSpecCheckTest (Java) parses template.yaml as the local stack does, short forms (!Ref, !Sub) to long.
// Output (stdout): one line per error, "<path>: <what is wrong>"; exit status 1 when there is any, else 0.
//
// It fails on an unknown resource type, an unknown property at every level the spec's types describe, a value
// of the wrong kind (scalar, list or object), a value outside the spec's allowed values, a missing required
// property, and a Globals.Function / Globals.Api property unknown to AWS::Serverless::Function / ::Api.
// CloudFormation converts scalars to the declared primitive type, so "10" passes as a number and 10 as a string.
const { loadAwsServiceSpecSync } = require('@aws-cdk/aws-service-spec');

// Properties that template.yaml uses, that the SAM transform accepts, and that this spec's AWS::Serverless::*
// types lack (they come from the legacy SAM specification, which predates them). SnapStart and
// AutoPublishAliasAllProperties are documented on the AWS SAM Developer Guide page "AWS::Serverless::Function"
// (aws-sam-translator reads both in samtranslator/model/sam_resources.py, SamFunction.property_types and
// _construct_version), and SamCliWorkflowTest proves that aws-sam-translator accepts them. Their values are not
// checked here; the translator checks them. An entry the spec has learned is reported, so the list only shrinks.
const SAM_PROPERTIES_MISSING_FROM_SPEC = {
  'AWS::Serverless::Function': ['SnapStart', 'AutoPublishAliasAllProperties'],
};
// The same for the properties of SAM's event sources that the legacy specification's event types lack: the AWS SAM
// Developer Guide's pages "DynamoDB" (FilterCriteria) and "SQS" (FunctionResponseTypes) document them, and
// aws-sam-translator reads them (samtranslator/model/eventsources/pull.py, PullEventSource.property_types).
const SAM_EVENT_PROPERTIES_MISSING_FROM_SPEC = {
  DynamoDBEvent: ['FilterCriteria'],
  SQSEvent: ['FunctionResponseTypes'],
};

// SAM's Globals sections and the resource type whose properties each may set.
const GLOBALS = {
  Function: 'AWS::Serverless::Function',
  Api: 'AWS::Serverless::Api',
  HttpApi: 'AWS::Serverless::HttpApi',
  SimpleTable: 'AWS::Serverless::SimpleTable',
  StateMachine: 'AWS::Serverless::StateMachine',
  LayerVersion: 'AWS::Serverless::LayerVersion',
};

// A resource's own keys (CloudFormation User Guide, "Resource attribute reference" and "Resources syntax").
const RESOURCE_KEYS = new Set(['Type', 'Properties', 'Condition', 'DependsOn', 'Metadata', 'DeletionPolicy',
  'UpdateReplacePolicy', 'UpdatePolicy', 'CreationPolicy']);
const POLICY_VALUES = {
  DeletionPolicy: ['Delete', 'Retain', 'RetainExceptOnCreate', 'Snapshot'],
  UpdateReplacePolicy: ['Delete', 'Retain', 'Snapshot'],
};

// What each intrinsic function returns, where that is fixed: a string-valued function cannot stand where the
// spec wants a list or an object. The rest (Ref, Fn::GetAtt, Fn::If, Fn::Select, Fn::FindInMap, ...) can
// return any kind.
const RETURNS_STRING = new Set(['Fn::Sub', 'Fn::Join', 'Fn::Base64', 'Fn::ImportValue', 'Fn::ToJsonString']);
const RETURNS_LIST = new Set(['Fn::GetAZs', 'Fn::Split', 'Fn::Cidr']);

class Checker {
  constructor(db, resourceTypes = new Map(db.all('resource').map((r) => [r.cloudFormationType, r]))) {
    this.db = db;
    this.resourceTypes = resourceTypes;
    this.errors = [];
  }

  checkTemplate(template) {
    for (const definition of this.db.all('typeDefinition')) {
      for (const name of (SAM_EVENT_PROPERTIES_MISSING_FROM_SPEC[definition.name] || [])
        .filter((n) => n in definition.properties)) {
        this.error(`(checker) ${definition.name}.${name}`,
          'the spec now describes it: remove it from SAM_EVENT_PROPERTIES_MISSING_FROM_SPEC');
      }
    }
    for (const [type, names] of Object.entries(SAM_PROPERTIES_MISSING_FROM_SPEC)) {
      for (const name of names.filter((n) => n in this.resourceTypes.get(type).properties)) {
        this.error(`(checker) ${type}.${name}`, 'the spec now describes it: remove it from SAM_PROPERTIES_MISSING_FROM_SPEC');
      }
    }
    const resources = template.Resources;
    if (!isObject(resources)) {
      this.error('Resources', 'missing or not an object');
      return this.errors;
    }
    for (const [name, section] of Object.entries(template.Globals || {})) {
      const type = GLOBALS[name];
      if (!type) {
        this.error(`Globals.${name}`, 'unknown Globals section');
      } else if (isObject(section)) {
        this.checkProperties(`Globals.${name}`, this.resourceTypes.get(type), section, { required: false });
      }
    }
    for (const [logicalId, resource] of Object.entries(resources)) {
      this.checkResource(`Resources.${logicalId}`, resource, template.Globals || {});
    }
    return this.errors;
  }

  checkResource(path, resource, globals) {
    if (!isObject(resource) || typeof resource.Type !== 'string') {
      this.error(path, 'a resource needs a string Type');
      return;
    }
    for (const key of Object.keys(resource).filter((k) => !RESOURCE_KEYS.has(k))) {
      this.error(`${path}.${key}`, 'unknown resource attribute');
    }
    for (const [key, allowed] of Object.entries(POLICY_VALUES)) {
      if (key in resource && !allowed.includes(resource[key])) {
        this.error(`${path}.${key}`, `invalid value ${JSON.stringify(resource[key])}; allowed: ${allowed.join(', ')}`);
      }
    }
    if (resource.Type.startsWith('Custom::')) {
      return; // a custom resource's properties are whatever its provider takes
    }
    const spec = this.resourceTypes.get(resource.Type);
    if (!spec) {
      this.error(`${path}.Type`, `unknown resource type ${resource.Type}`);
      return;
    }
    const properties = resource.Properties === undefined ? {} : resource.Properties;
    if (!isObject(properties)) {
      this.error(`${path}.Properties`, 'must be an object');
      return;
    }
    // SAM merges the Globals section into each resource before it translates, so required properties may
    // come from there (https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-specification-template-anatomy-globals.html).
    const globalName = Object.keys(GLOBALS).find((name) => GLOBALS[name] === resource.Type);
    const fromGlobals = globalName && isObject(globals[globalName]) ? globals[globalName] : {};
    this.checkProperties(`${path}.Properties`, spec, properties, { required: true, inherited: fromGlobals });
  }

  checkProperties(path, spec, values, { required, inherited = {} }) {
    const tolerated = SAM_PROPERTIES_MISSING_FROM_SPEC[spec.cloudFormationType] || [];
    for (const [name, value] of Object.entries(values)) {
      const property = spec.properties[name];
      if (property) {
        this.checkValue(`${path}.${name}`, property.type, value);
      } else if (!tolerated.includes(name)) {
        this.error(`${path}.${name}`, `unknown property of ${spec.cloudFormationType}`);
      }
    }
    if (required) {
      this.checkRequired(path, spec.properties, { ...inherited, ...values });
    }
  }

  checkRequired(path, properties, values) {
    for (const [name, property] of Object.entries(properties)) {
      if (property.required && !(name in values)) {
        this.error(`${path}.${name}`, 'required property is missing');
      }
    }
  }

  /** Records the errors of value against type; returns how many it found. */
  checkValue(path, type, value) {
    const before = this.errors.length;
    const intrinsic = intrinsicName(value);
    if (intrinsic) {
      this.checkIntrinsic(path, type, intrinsic, value[intrinsic]);
      return this.errors.length - before;
    }
    switch (type.type) {
      case 'string':
      case 'date-time':
        if (!isScalar(value)) {
          this.error(path, `expected a string, got ${kindOf(value)}`);
        } else if (type.allowedValues && !type.allowedValues.includes(String(value))) {
          this.error(path, `invalid value ${JSON.stringify(value)}; allowed: ${type.allowedValues.join(', ')}`);
        }
        break;
      case 'number':
      case 'integer':
        if (!isNumeric(value)) {
          this.error(path, `expected a number, got ${describe(value)}`);
        } else if (type.allowedValues && !type.allowedValues.includes(Number(value))) {
          this.error(path, `invalid value ${value}; allowed: ${type.allowedValues.join(', ')}`);
        }
        break;
      case 'boolean':
        if (!(typeof value === 'boolean' || value === 'true' || value === 'false')) {
          this.error(path, `expected a boolean, got ${describe(value)}`);
        }
        break;
      case 'json':
        break;
      case 'null':
        if (value !== null) this.error(path, `expected null, got ${describe(value)}`);
        break;
      case 'tag':
        this.checkTag(path, value);
        break;
      case 'array':
        if (!Array.isArray(value)) {
          this.error(path, `expected a list, got ${kindOf(value)}`);
        } else {
          value.forEach((element, i) => this.checkValue(`${path}[${i}]`, type.element, element));
        }
        break;
      case 'map':
        if (!isObject(value)) {
          this.error(path, `expected an object, got ${kindOf(value)}`);
        } else {
          for (const [key, element] of Object.entries(value)) this.checkValue(`${path}.${key}`, type.element, element);
        }
        break;
      case 'ref':
        this.checkDefinition(path, this.db.get('typeDefinition', type.reference.$ref), value);
        break;
      case 'union':
        this.checkUnion(path, type.types, value);
        break;
      default:
        this.error(path, `the spec has a type this checker does not know: ${type.type}`);
    }
    return this.errors.length - before;
  }

  checkDefinition(path, definition, value) {
    if (!isObject(value)) {
      this.error(path, `expected an object (${definition.name}), got ${kindOf(value)}`);
      return;
    }
    for (const [name, element] of Object.entries(value)) {
      const property = definition.properties[name];
      if (!property && (SAM_EVENT_PROPERTIES_MISSING_FROM_SPEC[definition.name] || []).includes(name)) {
        continue;
      }
      if (!property) {
        this.error(`${path}.${name}`, `unknown property of ${definition.name}`);
      } else if (name === 'Properties' && definition.name === 'EventSource') {
        this.checkEventProperties(`${path}.Properties`, property.type, value.Type, element);
      } else {
        this.checkValue(`${path}.${name}`, property.type, element);
      }
    }
    this.checkRequired(path, definition.properties, value);
  }

  // A SAM event source's Type says which of the spec's event types its Properties are: Api -> ApiEvent,
  // SQS -> SQSEvent, ... (https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-function-eventsource.html).
  checkEventProperties(path, unionType, eventType, value) {
    const member = unionType.types.find(
      (t) => t.type === 'ref' && this.db.get('typeDefinition', t.reference.$ref).name === `${eventType}Event`);
    if (member) {
      this.checkValue(path, member, value);
    } else if (!intrinsicName(eventType)) {
      this.error(path.replace(/Properties$/, 'Type'), `unknown event source type ${JSON.stringify(eventType)}`);
    }
  }

  // A value fits a union when it fits one member. When it fits none, the errors reported are those of the
  // member whose kind (scalar, list, object) matches and that comes closest, so they name the deepest path.
  checkUnion(path, types, value) {
    const candidates = types.filter((t) => kindFits(t, value));
    if (candidates.length === 0) {
      this.error(path, `expected ${types.map(kindName).join(' or ')}, got ${kindOf(value)}`);
      return;
    }
    let best;
    for (const candidate of candidates) {
      const trial = new Checker(this.db, this.resourceTypes);
      if (trial.checkValue(path, candidate, value) === 0) return;
      if (!best || trial.errors.length < best.length) best = trial.errors;
    }
    this.errors.push(...best);
  }

  checkIntrinsic(path, type, name, argument) {
    if (name === 'Fn::If' && Array.isArray(argument) && argument.length === 3) {
      // Either branch may be chosen; AWS::NoValue removes the property.
      for (const [i, branch] of [[1, argument[1]], [2, argument[2]]]) {
        if (!(isObject(branch) && branch.Ref === 'AWS::NoValue')) this.checkValue(`${path}.Fn::If[${i}]`, type, branch);
      }
      return;
    }
    const wanted = kindName(type);
    if (RETURNS_STRING.has(name) && !['a string', 'a number', 'a boolean', 'any value'].includes(wanted) &&
        !(type.type === 'union' && type.types.some((t) => kindName(t) === 'a string' || t.type === 'json'))) {
      this.error(path, `${name} returns a string; expected ${wanted}`);
    }
    if (RETURNS_LIST.has(name) && !['a list', 'any value'].includes(wanted) &&
        !(type.type === 'union' && type.types.some((t) => t.type === 'array' || t.type === 'json'))) {
      this.error(path, `${name} returns a list; expected ${wanted}`);
    }
  }

  checkTag(path, value) {
    if (!isObject(value)) {
      this.error(path, `expected a tag object {Key, Value}, got ${kindOf(value)}`);
      return;
    }
    for (const key of Object.keys(value)) {
      if (key !== 'Key' && key !== 'Value') this.error(`${path}.${key}`, 'unknown property of a tag');
    }
    for (const key of ['Key', 'Value']) {
      if (!(key in value)) this.error(`${path}.${key}`, 'required property is missing');
    }
  }

  error(path, message) {
    this.errors.push(`${path}: ${message}`);
  }
}

function intrinsicName(value) {
  if (!isObject(value)) return undefined;
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0] === 'Condition' || keys[0].startsWith('Fn::'))
    ? keys[0] : undefined;
}

function isObject(value) {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function isScalar(value) {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

function isNumeric(value) {
  return (typeof value === 'number' && Number.isFinite(value)) ||
    (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)));
}

function kindOf(value) {
  if (Array.isArray(value)) return 'a list';
  if (isObject(value)) return 'an object';
  if (value === null) return 'null';
  return `a ${typeof value}`;
}

function describe(value) {
  return isScalar(value) ? `${kindOf(value)} ${JSON.stringify(value)}` : kindOf(value);
}

function kindName(type) {
  switch (type.type) {
    case 'string': case 'date-time': return 'a string';
    case 'number': case 'integer': return 'a number';
    case 'boolean': return 'a boolean';
    case 'array': return 'a list';
    case 'map': case 'ref': case 'tag': return 'an object';
    case 'null': return 'null';
    default: return 'any value';
  }
}

// Whether a union member can describe value at all. A json member of a union stands for the object form that
// the registry schema allows beside a typed one (KeySchema: a list of KeySchema, or an object), not for any value.
function kindFits(type, value) {
  if (intrinsicName(value) || type.type === 'union') return true;
  if (type.type === 'json') return isObject(value);
  switch (kindName(type)) {
    case 'a list': return Array.isArray(value);
    case 'an object': return isObject(value);
    case 'null': return value === null;
    default: return isScalar(value);
  }
}

function main() {
  const input = require('node:fs').readFileSync(0, 'utf-8');
  const errors = new Checker(loadAwsServiceSpecSync()).checkTemplate(JSON.parse(input));
  for (const line of errors) console.log(line);
  process.exitCode = errors.length === 0 ? 0 : 1;
}

main();
