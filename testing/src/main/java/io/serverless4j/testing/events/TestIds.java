/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.testing.events;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/** Unique, UUID-shaped ids for built events; distinct within a JVM so batches never repeat an id. */
final class TestIds {

    static final String ACCOUNT = "123456789012";
    static final String REGION = "us-east-1";

    private static final AtomicLong NEXT = new AtomicLong(1);

    private TestIds() {
    }

    static long nextNumber() {
        return NEXT.getAndIncrement();
    }

    static String uuid() {
        return new UUID(0x5e7e1e55L, nextNumber()).toString();
    }
}
