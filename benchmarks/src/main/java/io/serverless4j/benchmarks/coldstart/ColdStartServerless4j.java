/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.benchmarks.coldstart;

import io.serverless4j.examples.orderapi.OrderApiHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;

/**
 * One cold start of the order API on serverless4j, run as its own JVM by {@link OrderApiColdStartReport}: what the
 * example's {@code FromEnvironment} does on the first invocation (client, handler, {@code prime()}), then
 * {@code handleRequest} with the event's bytes. References only serverless4j, the SDK and aws-lambda-java-core.
 */
public final class ColdStartServerless4j {

    private ColdStartServerless4j() {
    }

    /**
     * Answers one request and prints the response and the elapsed nanoseconds.
     *
     * @param args the idempotency key and the request id
     */
    public static void main(String[] args) {
        byte[] event = ColdStartProbes.event(args[0]);
        long start = System.nanoTime();
        OrderApiHandler handler = new OrderApiHandler(ColdStartProbes.dynamoDb(),
                ColdStartProbes.property("coldstart.ordersTable"), ColdStartProbes.property("coldstart.idempotencyTable"),
                OrderApiHandler.corsPolicy(ColdStartProbes.ORIGIN));
        handler.prime();
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event), response, ColdStartProbes.context(args[1]));
        ColdStartProbes.print(response, start);
    }
}
