/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.idempotency.internal;

import org.slf4j.MDC;

/**
 * Puts the hashed key and the Lambda request id into the SLF4J MDC for the length of a call, and restores what
 * was there before, so the user's own MDC entries survive. Not thread-safe: one per call, on the caller's thread.
 */
public final class MdcScope implements AutoCloseable {

    private final String keyName;
    private final String previousKey;
    private final boolean setKey;
    private final String requestIdName;
    private final String previousRequestId;
    private final boolean setRequestId;

    private MdcScope(String keyName, String hashedKey, String requestIdName, String requestId) {
        this.keyName = keyName;
        this.requestIdName = requestIdName;
        this.previousKey = MDC.get(keyName);
        this.previousRequestId = MDC.get(requestIdName);
        this.setRequestId = requestId != null;
        this.setKey = hashedKey != null;
        if (setKey) {
            MDC.put(keyName, hashedKey);
        }
        if (setRequestId) {
            MDC.put(requestIdName, requestId);
        }
    }

    /**
     * Opens a scope.
     *
     * @param keyName the MDC name of the hashed key
     * @param hashedKey the hashed key, or null when there is none (then the MDC entry is left as it is)
     * @param requestIdName the MDC name of the request id
     * @param requestId the Lambda request id, or null outside Lambda (then the MDC entry is left as it is)
     * @return the scope; close it when the call ends
     */
    public static MdcScope open(String keyName, String hashedKey, String requestIdName, String requestId) {
        return new MdcScope(keyName, hashedKey, requestIdName, requestId);
    }

    @Override
    public void close() {
        if (setKey) {
            restore(keyName, previousKey);
        }
        if (setRequestId) {
            restore(requestIdName, previousRequestId);
        }
    }

    private static void restore(String name, String previous) {
        if (previous == null) {
            MDC.remove(name);
        } else {
            MDC.put(name, previous);
        }
    }
}
