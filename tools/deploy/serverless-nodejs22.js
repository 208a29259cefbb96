'use strict';
/**
 * Serverless Framework v3 (the last release that installs offline) predates the nodejs22.x Lambda
 * runtime and its strict config validation rejects it. This local plugin adds that one value to
 * the runtime enum, so every other setting is still validated strictly. CloudFormation itself
 * has accepted nodejs22.x since November 2024.
 */
class AllowNodejs22Runtime {
  constructor(serverless) {
    const runtimes = serverless.configSchemaHandler.schema.definitions.awsLambdaRuntime;
    if (runtimes && Array.isArray(runtimes.enum) && !runtimes.enum.includes('nodejs22.x')) runtimes.enum.push('nodejs22.x');
  }
}

module.exports = AllowNodejs22Runtime;
