/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.testing;

import java.time.Duration;
import java.util.Objects;

/**
 * A failure that a {@link FaultProxy} injects instead of (or, for a delay, before) passing a call through.
 *
 * @param kind what happens
 * @param delay how long a {@link Kind#DELAY} holds the response, or the pause before each piece of a
 *     {@link Kind#SLOW_BODY}; zero for the other kinds
 */
public record Fault(Kind kind, Duration delay) {

    /** The kinds of fault. */
    public enum Kind {
        /**
         * The service's throttling error: {@code ThrottlingException} (HTTP 400) for JSON protocols, {@code SlowDown}
         * (HTTP 503) for S3. The SDK retries it with its throttling backoff.
         */
        THROTTLING,
        /** HTTP 500 with {@code InternalServerError} ({@code InternalError} for S3). */
        SERVER_ERROR,
        /** The TCP connection is reset before any response: the SDK sees an I/O error. */
        CONNECTION_RESET,
        /**
         * An HTTP 200 whose body breaks off: the status line and headers arrive, then a malformed chunk and the
         * connection closes. The SDK has already handed a streaming body (an S3 GetObject's, say) to the caller,
         * so the caller's read fails, not the SDK call, and the SDK does not retry it.
         */
        BROKEN_BODY,
        /** The call passes through, but its response is held back for {@link Fault#delay()}. */
        DELAY,
        /**
         * The call passes through, but its response arrives in {@value Fault#SLOW_BODY_PIECES} pieces, one after each
         * pause of {@link Fault#delay()} (the status line and headers with the first): a streamed body (an S3
         * GetObject's) that the SDK has handed to the caller and that keeps the caller's reads waiting long after the
         * SDK's own timeouts have ended.
         */
        SLOW_BODY
    }

    /** How many pieces a {@link Kind#SLOW_BODY} response is cut into. */
    public static final int SLOW_BODY_PIECES = 100;

    /**
     * Validates the fault.
     *
     * @param kind what happens
     * @param delay the delay of a {@link Kind#DELAY}
     */
    public Fault {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(delay, "delay");
        boolean timed = kind == Kind.DELAY || kind == Kind.SLOW_BODY;
        if (delay.isNegative() || timed == delay.isZero()) {
            throw new IllegalArgumentException("a DELAY or SLOW_BODY needs a positive delay, other faults none: " + kind
                    + " " + delay);
        }
        if (kind == Kind.SLOW_BODY && delay.toMillis() * SLOW_BODY_PIECES > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a SLOW_BODY pause must be at most "
                    + Integer.MAX_VALUE / SLOW_BODY_PIECES + " ms, was " + delay);
        }
    }

    /**
     * The service's throttling error.
     *
     * @return the fault
     */
    public static Fault throttling() {
        return new Fault(Kind.THROTTLING, Duration.ZERO);
    }

    /**
     * An HTTP 500.
     *
     * @return the fault
     */
    public static Fault serverError() {
        return new Fault(Kind.SERVER_ERROR, Duration.ZERO);
    }

    /**
     * A connection reset by the peer.
     *
     * @return the fault
     */
    public static Fault connectionReset() {
        return new Fault(Kind.CONNECTION_RESET, Duration.ZERO);
    }

    /**
     * An HTTP 200 whose body breaks off mid-stream.
     *
     * @return the fault
     */
    public static Fault brokenBody() {
        return new Fault(Kind.BROKEN_BODY, Duration.ZERO);
    }

    /**
     * A delayed response.
     *
     * @param delay how long to hold it
     * @return the fault
     */
    public static Fault delay(Duration delay) {
        return new Fault(Kind.DELAY, delay);
    }

    /**
     * A response whose body trickles in: {@value #SLOW_BODY_PIECES} pieces, one after each {@code pause} (the
     * headers come with the first), so the whole takes {@value #SLOW_BODY_PIECES} pauses.
     *
     * @param pause the pause before each piece, at most about 21 s
     * @return the fault
     */
    public static Fault slowBody(Duration pause) {
        return new Fault(Kind.SLOW_BODY, pause);
    }
}
