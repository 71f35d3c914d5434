/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.benchmarks.coldstart;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;

/**
 * One cold start of the peer order API ({@link OrderApiPeer}), run as its own JVM by {@link OrderApiColdStartReport}:
 * client, handler, then {@code handleRequest} with the event's bytes. References no serverless4j class.
 */
public final class ColdStartPeer {

    private ColdStartPeer() {
    }

    /**
     * Answers one request and prints the response and the elapsed nanoseconds.
     *
     * @param args the idempotency key and the request id
     */
    public static void main(String[] args) {
        byte[] event = ColdStartProbes.event(args[0]);
        long start = System.nanoTime();
        OrderApiPeer handler = new OrderApiPeer(ColdStartProbes.dynamoDb(),
                ColdStartProbes.property("coldstart.ordersTable"), ColdStartProbes.property("coldstart.idempotencyTable"),
                ColdStartProbes.ORIGIN);
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event), response, ColdStartProbes.context(args[1]));
        ColdStartProbes.print(response, start);
    }
}
