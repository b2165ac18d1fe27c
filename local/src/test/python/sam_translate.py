"""Translates a SAM template the way `sam validate` does, and optionally lints it as `sam validate --lint` does.

Usage: python3 sam_translate.py [--lint] < template.json   (the template as JSON, intrinsics in long form)

Without --lint it follows SAM CLI 1.164.0's samcli/lib/translate/sam_template_validator.py
(SamTemplateValidator.get_translated_template_if_valid): local CodeUris become a placeholder S3 URI, then
samtranslator's Translator runs with no plugins and the template's parameter defaults. With --lint it runs cfn-lint's
API as samcli/commands/validate/validate.py (_lint) does, for one region.

Prints one line per error and exits 1 when there is any, 0 when there is none, and 3 (with the reason) when the
library it needs is not installed, so the JUnit test can skip instead of passing.
"""

import json
import sys

MISSING_TOOL = 3
REGION = "us-east-1"


def translate(template):
    try:
        from boto3.session import Session
        from samtranslator.parser import parser
        from samtranslator.public.exceptions import InvalidDocumentException
        from samtranslator.translator.translator import Translator
        import samtranslator
    except ImportError as missing:
        print(f"aws-sam-translator is not installed ({missing}); `pip install aws-sam-translator` to run this check")
        return MISSING_TOOL
    for resource in template.get("Resources", {}).values():
        if resource.get("Type") == "AWS::Serverless::Function":
            properties = resource.setdefault("Properties", {})
            if not isinstance(properties.get("CodeUri"), dict):
                properties["CodeUri"] = "s3://bucket/value"
    translator = Translator(
        managed_policy_map=None,
        sam_parser=parser.Parser(),
        plugins=[],
        boto_session=Session(region_name=REGION),
    )
    try:
        translated = translator.translate(
            sam_template=template,
            parameter_values={},
            # Only names of AWS managed policies need this map (an IAM call); the template must use none.
            get_managed_policy_map=lambda: {},
        )
    except InvalidDocumentException as invalid:
        for cause in invalid.causes:
            print(cause.message)
        return 1
    untraceable = tracing_without_xray_grant(translated["Resources"])
    for message in untraceable:
        print(message)
    if untraceable:
        return 1
    types = sorted({resource["Type"] for resource in translated["Resources"].values()})
    print(f"translated by aws-sam-translator {samtranslator.__version__}: {len(translated['Resources'])} resources",
          file=sys.stderr)
    print(" ".join(types), file=sys.stderr)
    return 0


def tracing_without_xray_grant(resources):
    """Functions with active X-Ray tracing whose role cannot send traces. Lambda needs xray:PutTraceSegments and
    xray:PutTelemetryRecords on the execution role (AWS Lambda Developer Guide, "Visualize Lambda function
    invocations using AWS X-Ray"); SAM's Tracing adds a managed policy for it to the role it generates
    (samtranslator/model/sam_resources.py, _construct_role; model/xray_utils.py names the policy)."""
    grants = ("/AWSXrayWriteOnlyAccess", "/AWSXRayDaemonWriteAccess")
    problems = []
    for logical_id, resource in resources.items():
        properties = resource.get("Properties", {})
        if resource["Type"] != "AWS::Lambda::Function" or properties.get("TracingConfig", {}).get("Mode") != "Active":
            continue
        role = properties.get("Role")
        role_id = role.get("Fn::GetAtt", [None])[0] if isinstance(role, dict) else role
        policies = resources.get(role_id, {}).get("Properties", {}).get("ManagedPolicyArns", [])
        if not any(isinstance(arn, str) and arn.endswith(grants) for arn in policies):
            problems.append(f"{logical_id}: Tracing is Active but its role {role_id} has no X-Ray write policy")
    return problems


def lint(template):
    try:
        from cfnlint.api import ManualArgs, lint as cfn_lint
        import cfnlint.version
    except ImportError as missing:
        print(f"cfn-lint is not installed ({missing}); `pip install cfn-lint` to run this check")
        return MISSING_TOOL
    matches = cfn_lint(json.dumps(template), config=ManualArgs(regions=[REGION]))
    for match in matches:
        print(match)
    print(f"cfn-lint {cfnlint.version.__version__}: {len(matches)} findings", file=sys.stderr)
    return 1 if matches else 0


def main():
    template = json.load(sys.stdin)
    return lint(template) if "--lint" in sys.argv[1:] else translate(template)


if __name__ == "__main__":
    sys.exit(main())
