/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.benchmarks.events;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.ByteArrayInputStream;

/**
 * One cold parse with the Lambda runtime's path over aws-lambda-java-events, run as its own JVM by
 * {@link EventsBenchmarkReport}: prints the nanoseconds from the start of {@code main} to the parsed event,
 * including {@code serializerFor} (the runtime builds it on the first invocation too).
 */
public final class ColdParsePeer {

    private ColdParsePeer() {
    }

    /**
     * Parses one event and prints the elapsed nanoseconds.
     *
     * @param args the event: {@code SQS}, {@code S3} or {@code API_V2}
     */
    public static void main(String[] args) {
        BenchmarkEvents event = BenchmarkEvents.valueOf(args[0]);
        byte[] json = event.bytes();
        ClassLoader loader = ColdParsePeer.class.getClassLoader();
        long start = System.nanoTime();
        Object parsed = switch (event) {
            case SQS -> LambdaEventSerializers.serializerFor(SQSEvent.class, loader)
                    .fromJson(new ByteArrayInputStream(json));
            case S3 -> LambdaEventSerializers.serializerFor(S3Event.class, loader)
                    .fromJson(new ByteArrayInputStream(json));
            case API_V2 -> LambdaEventSerializers.serializerFor(APIGatewayV2HTTPEvent.class, loader)
                    .fromJson(new ByteArrayInputStream(json));
        };
        long elapsed = System.nanoTime() - start;
        if (System.identityHashCode(parsed) == 42) {
            System.out.print("");
        }
        System.out.println(elapsed);
    }
}
