package dev.taskapi.bench;

/**
 * us-east-1 on-demand list prices, as published on the AWS pricing pages on 2026-11-25 (aws.amazon.com/lambda/
 * pricing, /api-gateway/pricing, /dynamodb/pricing/on-demand). Update them with their date when AWS changes them.
 */
final class Prices {
  static final String AS_OF = "2026-11-25, us-east-1, on-demand list prices";
  /** Lambda requests: $0.20 per million. */
  static final double LAMBDA_PER_REQUEST = 0.20 / 1e6;
  /** Lambda arm64 compute: $0.0000133334 per GB-second (first 7.5 billion GB-s a month). */
  static final double LAMBDA_ARM64_PER_GB_SECOND = 0.0000133334;
  /** API Gateway REST API: $3.50 per million requests (first 333 million a month). */
  static final double REST_API_PER_REQUEST = 3.50 / 1e6;
  /** DynamoDB on-demand: $0.625 per million write request units. */
  static final double WRITE_REQUEST_UNIT = 0.625 / 1e6;
  /** DynamoDB on-demand: $0.125 per million read request units. */
  static final double READ_REQUEST_UNIT = 0.125 / 1e6;

  private Prices() {}

  /** Dollars per million requests of one function invocation (Lambda billed in 1 ms steps). */
  static double perMillion(double durationMillis, int memoryMb, double writeUnits, double readUnits) {
    double billedSeconds = Math.ceil(durationMillis) / 1000.0;
    double perRequest = LAMBDA_PER_REQUEST
        + billedSeconds * memoryMb / 1024.0 * LAMBDA_ARM64_PER_GB_SECOND
        + writeUnits * WRITE_REQUEST_UNIT
        + readUnits * READ_REQUEST_UNIT;
    return perRequest * 1e6;
  }
}
