/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.dlq.cli.internal;

import java.net.URI;
import picocli.CommandLine.Option;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.SqsClientBuilder;

/** The options that say where SQS is; shared by the replay and the restore command. */
final class AwsOptions {

    @Option(names = "--endpoint-url", paramLabel = "URL",
            description = "SQS endpoint to call instead of AWS's (e.g. a local ElasticMQ).")
    URI endpointUrl;

    @Option(names = "--region", paramLabel = "REGION",
            description = "AWS region. Default: the SDK's chain (AWS_REGION, ~/.aws/config, ...).")
    String region;

    /** Builds the client; credentials come from the SDK's default chain (environment, profile, role). */
    SqsClient client() {
        SqsClientBuilder builder = SqsClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder());
        if (region != null) {
            builder.region(Region.of(region));
        }
        if (endpointUrl != null) {
            builder.endpointOverride(endpointUrl);
        }
        return builder.build();
    }
}
