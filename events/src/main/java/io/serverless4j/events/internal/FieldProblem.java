/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.events.internal;

/**
 * A validation failure raised by a record's compact constructor that names the JSON field at fault, so that
 * the parser can report the full JSON path.
 */
public interface FieldProblem {

    /** The JSON field path relative to the object being built, e.g. {@code receiptHandle}. */
    String field();

    /** What was wrong with it, e.g. {@code required field is missing}. */
    String problem();
}
