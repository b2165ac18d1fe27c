package dev.taskapi.local;

import dev.taskapi.local.aws.FakeAws;
import dev.taskapi.local.cloudformation.LocalCustomResources;
import dev.taskapi.dynalite.Dynalite;
import dev.taskapi.local.dynamo.LocalTables;
import dev.taskapi.local.eventsource.DataFolderOnFailureDestination;
import dev.taskapi.local.eventsource.EventSourceMappings;
import dev.taskapi.local.eventsource.SqsEventSourceMappings;
import dev.taskapi.local.iam.FunctionPolicies;
import dev.taskapi.local.iam.GrantUsage;
import dev.taskapi.local.iam.IamAuthorizer;
import dev.taskapi.local.iam.IamDynamoDbEndpoint;
import dev.taskapi.local.iam.Principals;
import dev.taskapi.local.lambda.FunctionCredentials;
import dev.taskapi.local.lambda.LambdaEnvironment;
import dev.taskapi.local.lambda.LambdaFunctions;
import dev.taskapi.local.lambda.LocalLambdaEndpoint;
import dev.taskapi.local.scheduler.LocalScheduler;
import dev.taskapi.local.secrets.LocalSecrets;
import dev.taskapi.local.secrets.SecretsEndpoint;
import dev.taskapi.local.ses.LocalSesEndpoint;
import dev.taskapi.local.sqs.ElasticMq;
import dev.taskapi.local.sqs.LocalSqs;
import dev.taskapi.local.template.SamTemplate;
import dev.taskapi.local.template.TemplateLoader;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Everything a function needs around it, without the API: DynamoDB (dynalite, or DYNAMODB_ENDPOINT) with the
 * template's tables behind a local IAM endpoint, the secrets endpoint, the SES endpoint (a mailbox in the data
 * directory), the local SQS (ElasticMQ behind an IAM-checking endpoint, when the template has queues) with the
 * functions' SQS event source mappings, and the functions with their environment and credentials of their own,
 * with their DynamoDB event source mappings polling the tables' streams, and the local EventBridge Scheduler (when
 * the template has a schedule group), which invokes them as its execution roles. Every DynamoDB and secrets call a
 * function makes is authorized against that
 * function's policies in template.yaml.
 */
public final class LocalRuntime implements AutoCloseable {
  private static final String LOCAL_CREDENTIAL = "local";

  private final SamTemplate template;
  private final Path dataDir;
  private final URI dynamoDbEndpoint;
  private final AwsCredentialsIdentity backendCredentials;
  private final LambdaEnvironment environment;
  private final List<AutoCloseable> resources;
  private final LambdaFunctions functions;
  private final Optional<URI> sqsBackend;
  private final Optional<LocalScheduler> scheduler;

  private LocalRuntime(SamTemplate template, Path dataDir, URI dynamoDbEndpoint,
      AwsCredentialsIdentity backendCredentials, LambdaEnvironment environment, List<AutoCloseable> resources,
      LambdaFunctions functions, Optional<URI> sqsBackend, Optional<LocalScheduler> scheduler) {
    this.template = template;
    this.dataDir = dataDir;
    this.dynamoDbEndpoint = dynamoDbEndpoint;
    this.backendCredentials = backendCredentials;
    this.environment = environment;
    this.resources = resources;
    this.functions = functions;
    this.sqsBackend = sqsBackend;
    this.scheduler = scheduler;
  }

  public static LocalRuntime start(LocalStackOptions options) {
    Map<String, String> env = options.environment();
    String region = firstNonBlank(env.get("AWS_REGION"), env.get("AWS_DEFAULT_REGION"), FakeAws.DEFAULT_REGION);
    SamTemplate template = TemplateLoader.load(options.template(), options.parameterOverrides(), region);
    // Read before anything starts: a policy the local IAM engine cannot evaluate stops the stack here.
    FunctionPolicies.of(template);
    Map<String, FunctionCredentials> credentials = new LinkedHashMap<>();
    template.functions().keySet().forEach(function -> credentials.put(function, FunctionCredentials.random()));
    // The sessions of the roles the local scheduler assumes, principals of the local endpoints as the functions are.
    Map<String, FunctionCredentials> roleCredentials = new LinkedHashMap<>();
    FunctionPolicies.assumedRoles(template)
        .forEach(role -> roleCredentials.put(role.logicalId(), FunctionCredentials.random()));
    Map<String, FunctionCredentials> sessions = new LinkedHashMap<>(credentials);
    sessions.putAll(roleCredentials);
    Principals principals = new Principals(sessions);
    Path dataDir = options.dataDir().toAbsolutePath();
    List<AutoCloseable> started = new ArrayList<>();
    CompletableFuture<Optional<ElasticMq>> sqsStarting =
        LocalSqs.startInBackground(template.sqs(), dataDir.resolve("sqs"), region);
    try {
      String external = env.get("DYNAMODB_ENDPOINT");
      URI endpoint;
      AwsCredentialsIdentity backend = AwsCredentialsIdentity.create(LOCAL_CREDENTIAL, LOCAL_CREDENTIAL);
      if (external != null && !external.isBlank()) {
        endpoint = URI.create(external);
        // A real endpoint needs real credentials; take them from the environment when it has them.
        if (!isBlank(env.get("AWS_ACCESS_KEY_ID")) && !isBlank(env.get("AWS_SECRET_ACCESS_KEY"))) {
          backend = isBlank(env.get("AWS_SESSION_TOKEN"))
              ? AwsCredentialsIdentity.create(env.get("AWS_ACCESS_KEY_ID"), env.get("AWS_SECRET_ACCESS_KEY"))
              : AwsSessionCredentialsIdentity.create(
                  env.get("AWS_ACCESS_KEY_ID"), env.get("AWS_SECRET_ACCESS_KEY"), env.get("AWS_SESSION_TOKEN"));
        }
      } else {
        Dynalite dynalite = Dynalite.start(dataDir.resolve("dynamodb"), options.dynamoDbPort());
        started.add(dynalite);
        endpoint = dynalite.endpoint();
        backend = AwsCredentialsIdentity.create(
            dynalite.credentials().accessKeyId(), dynalite.credentials().secretAccessKey());
      }
      try (DynamoDbClient dynamo = LocalTables.client(endpoint, region, backend)) {
        LocalTables.deploy(dynamo, template.tables()).forEach(change -> System.out.println("DynamoDB: " + change));
        Map<String, String> streamLabels = LocalTables.streamLabels(dynamo, template.tables());
        if (!streamLabels.isEmpty()) { // !GetAtt Table.StreamArn resolves once the streams exist, as in a deploy
          template = TemplateLoader.load(options.template(), options.parameterOverrides(), region, streamLabels);
        }
      }
      IamAuthorizer authorizer = new IamAuthorizer(FunctionPolicies.of(template), GrantUsage.fromSystemProperty());
      IamDynamoDbEndpoint iamDynamoDb =
          IamDynamoDbEndpoint.start(endpoint, backend, region, template.tables(), principals, authorizer);
      started.add(iamDynamoDb);
      LocalSecrets secrets = LocalSecrets.load(template.secrets(), dataDir, env, region);
      SecretsEndpoint secretsEndpoint = SecretsEndpoint.start(secrets, principals, authorizer, 0);
      started.add(secretsEndpoint);
      LocalSesEndpoint ses = LocalSesEndpoint.start(dataDir.resolve("mail"), region, principals, authorizer);
      started.add(ses);
      LocalLambdaEndpoint lambda = LocalLambdaEndpoint.start(region, principals, authorizer);
      started.add(lambda);
      Optional<LocalSqs> sqs = LocalSqs.serve(sqsStarting, region, principals, authorizer);
      sqs.ifPresent(started::add);
      Optional<LocalScheduler> scheduler = LocalScheduler.start(template, dataDir.resolve("scheduler"), principals,
          authorizer, roleCredentials, lambda.endpoint(), sqs.map(LocalSqs::endpoint),
          options.schedulerRetryDelay());
      scheduler.ifPresent(started::add);
      LambdaEnvironment lambdaEnvironment = new LambdaEnvironment(region, iamDynamoDb.endpoint(), credentials,
          secretsEndpoint.port(), ses.endpoint(), lambda.endpoint(), sqs.map(LocalSqs::endpoint).orElse(null),
          scheduler.map(LocalScheduler::endpoint).orElse(null));
      LambdaFunctions functions = new LambdaFunctions(template, lambdaEnvironment);
      started.add(functions);
      lambda.serve(functions);
      started.add(EventSourceMappings.start(template, functions, lambdaEnvironment, dataDir,
          new DataFolderOnFailureDestination(dataDir.resolve("event-source-mappings").resolve("on-failure"))));
      LocalCustomResources.run(template, functions, dataDir)
          .forEach(done -> System.out.println("Custom resource: " + done));
      if (sqs.isPresent()) {
        started.add(SqsEventSourceMappings.start(
            template.sqs().eventSources(), functions, credentials, sqs.get().endpoint(), region));
      }
      scheduler.ifPresent(LocalScheduler::startFiring);
      return new LocalRuntime(template, dataDir, endpoint, backend, lambdaEnvironment, started, functions,
          sqs.map(LocalSqs::backendEndpoint), scheduler);
    } catch (IOException | RuntimeException e) {
      closeAll(started);
      LocalSqs.closeWhenStarted(sqsStarting);
      if (e instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException("Cannot start the local runtime: " + e, e);
    }
  }

  public SamTemplate template() {
    return template;
  }

  public LambdaFunctions functions() {
    return functions;
  }

  /**
   * The DynamoDB behind the local IAM endpoint (dynalite or DYNAMODB_ENDPOINT), for admin clients such as tests
   * that inspect the table; functions never get it.
   */
  public URI dynamoDbEndpoint() {
    return dynamoDbEndpoint;
  }

  /** The credentials that {@link #dynamoDbEndpoint()} accepts. */
  public AwsCredentialsIdentity backendCredentials() {
    return backendCredentials;
  }

  /**
   * ElasticMQ behind the local SQS endpoint, for admin clients such as tests that inspect a queue (it checks no
   * signature); empty when the template has no queue. Functions never get it.
   */
  public Optional<URI> sqsBackend() {
    return sqsBackend;
  }

  /**
   * The local EventBridge Scheduler, for tests that inspect its stored schedules; empty when the template has no
   * schedule group. Functions reach it through SCHEDULER_ENDPOINT only.
   */
  public Optional<LocalScheduler> scheduler() {
    return scheduler;
  }

  public Path dataDir() {
    return dataDir;
  }

  /** Where the local SES endpoint writes every message the functions send, one .eml file each. */
  public Path mailDir() {
    return dataDir.resolve("mail");
  }

  /** The environment the local Lambda service gives functions (credentials, endpoints, session token). */
  public LambdaEnvironment lambdaEnvironment() {
    return environment;
  }

  /** Stops the functions' executor, the secrets endpoint and dynalite, in reverse start order. */
  @Override
  public void close() {
    closeAll(resources);
  }

  private static void closeAll(List<AutoCloseable> resources) {
    for (int i = resources.size() - 1; i >= 0; i--) {
      try {
        resources.get(i).close();
      } catch (Exception e) {
        System.err.println("Error while stopping " + resources.get(i) + ": " + e);
      }
    }
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }

  private static String firstNonBlank(String... values) {
    for (String value : values) {
      if (!isBlank(value)) {
        return value;
      }
    }
    return null;
  }
}
