/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.events;

/**
 * Thrown when JSON cannot be turned into the requested type: malformed JSON, a value of the wrong JSON type, an
 * unreadable timestamp, or a missing required field.
 *
 * <p>The message names the target type and the JSON path of the offending value, for example
 * {@code SqsEvent: Records[3].messageAttributes.priority.dataType: expected a string, found a number}. The path
 * uses the JSON field names as AWS sends them; the root itself is written {@code $}. No partially built object
 * is ever returned alongside this exception. Instances are immutable and safe to share between threads.
 */
public final class EventParseException extends EventsException {

    private static final long serialVersionUID = 1L;

    /** The simple name of the type that was being parsed. */
    private final String targetType;
    /** The JSON path of the offending value. */
    private final String path;

    /**
     * Creates an exception for a value that could not be parsed.
     *
     * @param targetType the simple name of the type that was being parsed, e.g. {@code SqsEvent}
     * @param path the JSON path of the offending value, e.g. {@code Records[3].body}; {@code $} for the root
     * @param problem what was wrong, e.g. {@code expected a string, found a number}
     * @param cause the underlying failure, or {@code null}
     */
    public EventParseException(String targetType, String path, String problem, Throwable cause) {
        super(targetType + ": " + path + ": " + problem, cause);
        this.targetType = targetType;
        this.path = path;
    }

    /**
     * Returns the simple name of the type that was being parsed.
     *
     * @return the target type name, e.g. {@code SqsEvent}
     */
    public String targetType() {
        return targetType;
    }

    /**
     * Returns the JSON path of the offending value, in AWS field names.
     *
     * @return the path, e.g. {@code Records[3].messageAttributes.priority.dataType}, or {@code $} for the root
     */
    public String path() {
        return path;
    }
}
