/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.events.internal;

/**
 * A component had a value that its record rejects. It is an {@link IllegalArgumentException} for code that builds
 * records directly, and a {@link FieldProblem} so the parser can report the JSON path.
 */
public final class InvalidFieldException extends IllegalArgumentException implements FieldProblem {

    private static final long serialVersionUID = 1L;

    private final String field;
    private final String problem;

    InvalidFieldException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
        this.problem = problem;
    }

    @Override
    public String field() {
        return field;
    }

    @Override
    public String problem() {
        return problem;
    }
}
