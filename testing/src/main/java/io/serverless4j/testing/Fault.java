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
 * @param delay how long a {@link Kind#DELAY} holds the response; zero for the other kinds
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
        DELAY
    }

    /**
     * Validates the fault.
     *
     * @param kind what happens
     * @param delay the delay of a {@link Kind#DELAY}
     */
    public Fault {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative() || (kind == Kind.DELAY) == delay.isZero()) {
            throw new IllegalArgumentException("a DELAY needs a positive delay, other faults none: " + kind + " " + delay);
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
}
