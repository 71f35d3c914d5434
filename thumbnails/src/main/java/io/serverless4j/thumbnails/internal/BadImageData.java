/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.thumbnails.internal;

/**
 * Thrown inside the decoders, which do not know the object's name; {@code Thumbnails} maps it to the public
 * exception type with the name.
 */
public final class BadImageData extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** What kind of problem. */
    public enum Kind { TRUNCATED, CORRUPT, UNSUPPORTED, TOO_LARGE }

    private final Kind kind;

    BadImageData(Kind kind, String reason) {
        super(reason, null, false, false);
        this.kind = kind;
    }

    /**
     * The kind of problem.
     *
     * @return the kind
     */
    public Kind kind() {
        return kind;
    }

    static BadImageData corrupt(String reason) {
        return new BadImageData(Kind.CORRUPT, reason);
    }

    static BadImageData truncated(String reason) {
        return new BadImageData(Kind.TRUNCATED, reason);
    }

    static BadImageData unsupported(String reason) {
        return new BadImageData(Kind.UNSUPPORTED, reason);
    }
}
