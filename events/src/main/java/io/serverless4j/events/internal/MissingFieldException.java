/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.events.internal;

/**
 * A required component was null. It is a {@link NullPointerException} so that code building records directly
 * gets the usual null-check contract, and a {@link FieldProblem} so the parser can report the JSON path.
 */
public final class MissingFieldException extends NullPointerException implements FieldProblem {

    private static final long serialVersionUID = 1L;

    private final String field;

    MissingFieldException(String field) {
        super(field + " is required");
        this.field = field;
    }

    @Override
    public String field() {
        return field;
    }

    @Override
    public String problem() {
        return "required field is missing";
    }
}
