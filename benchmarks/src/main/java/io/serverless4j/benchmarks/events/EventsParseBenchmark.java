/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.benchmarks.events;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import io.serverless4j.events.Events;
import io.serverless4j.events.apigateway.ApiGatewayV2HttpEvent;
import io.serverless4j.events.sqs.SqsEvent;
import java.io.ByteArrayInputStream;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Warm parse throughput: serverless4j's {@link Events#parse} against the Lambda runtime's own path
 * ({@code LambdaEventSerializers.serializerFor(type, classLoader).fromJson(stream)}) over aws-lambda-java-events.
 * Both read from an {@code InputStream}, as a handler does. Methods are named {@code <case>_serverless4j} and
 * {@code <case>_awsLambdaEvents}, the repository's side-by-side convention.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class EventsParseBenchmark {

    private byte[] sqs;
    private byte[] s3;
    private byte[] apiV2;
    private PojoSerializer<SQSEvent> peerSqs;
    private PojoSerializer<S3Event> peerS3;
    private PojoSerializer<APIGatewayV2HTTPEvent> peerApiV2;

    /** Loads the events and builds the peer's serializers once, outside the measurement. */
    @Setup
    public void setUp() {
        sqs = BenchmarkEvents.SQS.bytes();
        s3 = BenchmarkEvents.S3.bytes();
        apiV2 = BenchmarkEvents.API_V2.bytes();
        ClassLoader loader = EventsParseBenchmark.class.getClassLoader();
        peerSqs = LambdaEventSerializers.serializerFor(SQSEvent.class, loader);
        peerS3 = LambdaEventSerializers.serializerFor(S3Event.class, loader);
        peerApiV2 = LambdaEventSerializers.serializerFor(APIGatewayV2HTTPEvent.class, loader);
    }

    /** serverless4j, 10-record SQS event. */
    @Benchmark
    public SqsEvent sqs_serverless4j() {
        return Events.parse(new ByteArrayInputStream(sqs), SqsEvent.class);
    }

    /** Peer, 10-record SQS event. */
    @Benchmark
    public SQSEvent sqs_awsLambdaEvents() {
        return peerSqs.fromJson(new ByteArrayInputStream(sqs));
    }

    /** serverless4j, S3 put notification. */
    @Benchmark
    public io.serverless4j.events.s3.S3Event s3_serverless4j() {
        return Events.parse(new ByteArrayInputStream(s3), io.serverless4j.events.s3.S3Event.class);
    }

    /** Peer, S3 put notification. */
    @Benchmark
    public S3Event s3_awsLambdaEvents() {
        return peerS3.fromJson(new ByteArrayInputStream(s3));
    }

    /** serverless4j, HTTP API v2 request. */
    @Benchmark
    public ApiGatewayV2HttpEvent apiV2_serverless4j() {
        return Events.parse(new ByteArrayInputStream(apiV2), ApiGatewayV2HttpEvent.class);
    }

    /** Peer, HTTP API v2 request. */
    @Benchmark
    public APIGatewayV2HTTPEvent apiV2_awsLambdaEvents() {
        return peerApiV2.fromJson(new ByteArrayInputStream(apiV2));
    }
}
