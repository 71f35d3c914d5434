/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.events.sqs;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.serverless4j.events.internal.Checks;
import java.util.Base64;
import java.util.List;

/**
 * A user-defined SQS message attribute as the Lambda event carries it.
 *
 * <p>Immutable and thread-safe.
 *
 * @param dataType the SQS data type: {@code String}, {@code Number}, {@code Binary}, optionally with a custom
 *     suffix such as {@code Number.int}; required (JSON {@code dataType})
 * @param stringValue the value of a {@code String} or {@code Number} attribute, else null
 *     (JSON {@code stringValue})
 * @param base64BinaryValue the base64 value of a {@code Binary} attribute as sent, else null; see
 *     {@link #binaryValue()} (JSON {@code binaryValue})
 * @param stringListValues reserved by SQS; never null (JSON {@code stringListValues})
 * @param binaryListValues reserved by SQS, base64; never null (JSON {@code binaryListValues})
 */
public record SqsMessageAttribute(
        @JsonProperty("dataType") String dataType,
        @JsonProperty("stringValue") String stringValue,
        @JsonProperty("binaryValue") String base64BinaryValue,
        @JsonProperty("stringListValues") List<String> stringListValues,
        @JsonProperty("binaryListValues") List<String> binaryListValues) {

    /**
     * Validates and copies the components.
     *
     * @throws NullPointerException if {@code dataType} is null
     */
    public SqsMessageAttribute {
        Checks.required(dataType, "dataType");
        stringListValues = Checks.list(stringListValues, "stringListValues");
        binaryListValues = Checks.list(binaryListValues, "binaryListValues");
    }

    /**
     * Creates a {@code String} attribute.
     *
     * @param value the value
     * @return the attribute
     * @throws NullPointerException if {@code value} is null
     */
    public static SqsMessageAttribute ofString(String value) {
        return new SqsMessageAttribute("String", Checks.required(value, "stringValue"), null, null, null);
    }

    /**
     * Returns the decoded value of a {@code Binary} attribute.
     *
     * @return a fresh copy of the bytes, or null when this is not a binary attribute
     * @throws IllegalArgumentException if the value is not valid base64
     */
    public byte[] binaryValue() {
        return base64BinaryValue == null ? null : Base64.getDecoder().decode(base64BinaryValue);
    }
}
