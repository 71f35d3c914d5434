/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.core;

import java.util.Arrays;
import java.util.Objects;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Puts an invocation's keys, and a module's own keys, into the SLF4J MDC for the length of a piece of work, and on
 * {@link #close()} puts back exactly what was there before: the caller's own MDC entries survive, and nothing of one
 * invocation or record leaks into the next.
 *
 * <pre>{@code
 * try (MdcScope mdc = MdcScope.open(invocation).put(MdcScope.MESSAGE_ID, message.messageId())) {
 *     handler.handle(message, context);
 * }
 * }</pre>
 *
 * <p>The keys every module uses: {@value #REQUEST_ID}, {@value #TRACE_ID}, {@value #CORRELATION_ID} from the
 * invocation; {@value #IDEMPOTENCY_KEY} (always hashed), {@value #MESSAGE_ID}, {@value #S3_KEY} from the modules.
 * Raw payloads are never put into the MDC. Not thread-safe: open and close a scope on one thread (the MDC is per
 * thread).
 */
public final class MdcScope implements AutoCloseable {

    /** The Lambda request id. */
    public static final String REQUEST_ID = "awsRequestId";
    /** The X-Ray trace id (the {@code Root} of the trace header). */
    public static final String TRACE_ID = "traceId";
    /** The correlation id that follows a request across services. */
    public static final String CORRELATION_ID = "correlationId";
    /** The hashed idempotency key (never the raw key). */
    public static final String IDEMPOTENCY_KEY = "idempotencyKey";
    /** The id of the queue message being processed. */
    public static final String MESSAGE_ID = "messageId";
    /** The key of the S3 object being processed. */
    public static final String S3_KEY = "s3Key";

    static {
        // SLF4J 2 hands out a stand-in MDC adapter while its provider initialises and drops what was put into it:
        // entries put by the first invocations, racing that initialisation, would vanish. Initialise it first.
        LoggerFactory.getILoggerFactory();
    }

    private String[] keys = new String[4];
    private String[] previous = new String[4];
    private int size;
    private boolean closed;

    private MdcScope() {}

    /**
     * Opens a scope holding the invocation's request id, trace id and correlation id (those it has).
     *
     * @param invocation the invocation
     * @return the scope; close it when the work ends
     */
    public static MdcScope open(Invocation invocation) {
        Objects.requireNonNull(invocation, "invocation");
        MdcScope scope = new MdcScope();
        scope.put(REQUEST_ID, invocation.requestId());
        scope.put(TRACE_ID, invocation.traceId());
        scope.put(CORRELATION_ID, invocation.correlationId());
        return scope;
    }

    /**
     * Opens a scope with no keys yet, for work outside an invocation.
     *
     * @return the scope
     */
    public static MdcScope open() {
        return new MdcScope();
    }

    /**
     * Sets a key for the rest of this scope; {@link #close()} restores what it was before this scope first set it.
     *
     * @param key the MDC key
     * @param value the value; null leaves the key as it is
     * @return this scope
     * @throws IllegalStateException when the scope is closed
     */
    public MdcScope put(String key, String value) {
        Objects.requireNonNull(key, "key");
        if (closed) {
            throw new IllegalStateException("this MdcScope is closed");
        }
        if (value == null) {
            return this;
        }
        if (indexOf(key) < 0) {
            if (size == keys.length) {
                keys = Arrays.copyOf(keys, size * 2);
                previous = Arrays.copyOf(previous, size * 2);
            }
            keys[size] = key;
            previous[size] = MDC.get(key);
            size++;
        }
        MDC.put(key, value);
        return this;
    }

    private int indexOf(String key) {
        for (int i = 0; i < size; i++) {
            if (keys[i].equals(key)) {
                return i;
            }
        }
        return -1;
    }

    /** Restores every key this scope set to its value before the scope; idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (int i = size - 1; i >= 0; i--) {
            if (previous[i] == null) {
                MDC.remove(keys[i]);
            } else {
                MDC.put(keys[i], previous[i]);
            }
        }
    }
}
