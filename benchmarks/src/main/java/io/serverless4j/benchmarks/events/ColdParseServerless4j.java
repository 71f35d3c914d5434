/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.benchmarks.events;

import io.serverless4j.events.Events;
import io.serverless4j.events.apigateway.ApiGatewayV2HttpEvent;
import io.serverless4j.events.s3.S3Event;
import io.serverless4j.events.sqs.SqsEvent;
import java.io.ByteArrayInputStream;

/**
 * One cold parse with serverless4j, run as its own JVM by {@link EventsBenchmarkReport}: prints the nanoseconds
 * from the start of {@code main} (before any serverless4j class is loaded) to the parsed event. References only
 * serverless4j, so the peer's classes are never loaded.
 */
public final class ColdParseServerless4j {

    private ColdParseServerless4j() {
    }

    /**
     * Parses one event and prints the elapsed nanoseconds.
     *
     * @param args the event: {@code SQS}, {@code S3} or {@code API_V2}
     */
    public static void main(String[] args) {
        BenchmarkEvents event = BenchmarkEvents.valueOf(args[0]);
        byte[] json = event.bytes(); // read before the clock starts: the peer gets the same bytes the same way
        long start = System.nanoTime();
        Object parsed = switch (event) {
            case SQS -> Events.parse(new ByteArrayInputStream(json), SqsEvent.class);
            case S3 -> Events.parse(new ByteArrayInputStream(json), S3Event.class);
            case API_V2 -> Events.parse(new ByteArrayInputStream(json), ApiGatewayV2HttpEvent.class);
        };
        long elapsed = System.nanoTime() - start;
        if (System.identityHashCode(parsed) == 42) {
            System.out.print(""); // keeps the result alive; prints nothing in practice
        }
        System.out.println(elapsed);
    }
}
