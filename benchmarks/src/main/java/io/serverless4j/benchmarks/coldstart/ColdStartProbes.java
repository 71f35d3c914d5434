/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.benchmarks.coldstart;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import io.serverless4j.benchmarks.events.BenchmarkEvents;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * What both cold-start probes share, so they differ only in the handler: the event bytes, the DynamoDB client
 * (url-connection-client, region and static credentials from system properties), a Lambda context, and how the
 * answer is printed. Loads only the SDK, aws-lambda-java-core and the JDK.
 *
 * <p>System properties, set by {@link OrderApiColdStartReport}: {@code coldstart.endpoint},
 * {@code coldstart.region}, {@code coldstart.ordersTable}, {@code coldstart.idempotencyTable}.
 */
final class ColdStartProbes {

    /** The origin the event's {@code Origin} header carries and the handlers allow. */
    static final String ORIGIN = "https://shop.example.com";

    private ColdStartProbes() {
    }

    /**
     * The API Gateway HTTP API (v2) {@code POST /orders} event, minified as Lambda delivers it.
     *
     * @param idempotencyKey the {@code Idempotency-Key} header, new per run so the first response is a 201
     * @return the JSON bytes
     */
    static byte[] event(String idempotencyKey) {
        try (InputStream in = ColdStartProbes.class.getResourceAsStream("/coldstart/post-orders.json")) {
            if (in == null) {
                throw new IllegalStateException("missing benchmark resource /coldstart/post-orders.json");
            }
            String json = new String(BenchmarkEvents.minify(in.readAllBytes()), StandardCharsets.UTF_8);
            return json.replace("IDEMPOTENCY_KEY", idempotencyKey).getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Nanoseconds {@link #dynamoDb()} took, printed by {@link #print}. */
    private static long clientNanos;

    /** The client both handlers use, built the same way for both. */
    static DynamoDbClient dynamoDb() {
        long start = System.nanoTime();
        DynamoDbClient client = DynamoDbClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .endpointOverride(URI.create(property("coldstart.endpoint")))
                .region(Region.of(property("coldstart.region")))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .build();
        clientNanos = System.nanoTime() - start;
        return client;
    }

    static String property(String name) {
        String value = System.getProperty(name);
        if (value == null) {
            throw new IllegalStateException("system property " + name + " is not set; OrderApiColdStartReport sets it");
        }
        return value;
    }

    /**
     * Prints the response on one line, then the nanoseconds from {@code start} to the response on the next, then
     * the nanoseconds spent building the client: the harness times the process up to the first line.
     */
    static void print(ByteArrayOutputStream response, long start) {
        long elapsed = System.nanoTime() - start;
        PrintStream out = System.out;
        out.println(response.toString(StandardCharsets.UTF_8).replace('\n', ' '));
        out.println(elapsed);
        out.println(clientNanos);
        out.flush();
    }

    /** A Lambda context for one invocation. */
    static Context context(String requestId) {
        return new Context() {
            @Override
            public String getAwsRequestId() {
                return requestId;
            }

            @Override
            public String getLogGroupName() {
                return "/aws/lambda/order-api";
            }

            @Override
            public String getLogStreamName() {
                return "2026/11/25/[$LATEST]cold";
            }

            @Override
            public String getFunctionName() {
                return "order-api";
            }

            @Override
            public String getFunctionVersion() {
                return "$LATEST";
            }

            @Override
            public String getInvokedFunctionArn() {
                return "arn:aws:lambda:eu-west-1:123456789012:function:order-api";
            }

            @Override
            public CognitoIdentity getIdentity() {
                return null;
            }

            @Override
            public ClientContext getClientContext() {
                return null;
            }

            @Override
            public int getRemainingTimeInMillis() {
                return 29_000;
            }

            @Override
            public int getMemoryLimitInMB() {
                return 512;
            }

            @Override
            public LambdaLogger getLogger() {
                return new LambdaLogger() {
                    @Override
                    public void log(String message) {
                        System.err.println(message);
                    }

                    @Override
                    public void log(byte[] message) {
                        System.err.println(new String(message, StandardCharsets.UTF_8));
                    }
                };
            }
        };
    }
}
