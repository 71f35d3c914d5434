/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.events.sns;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.serverless4j.events.internal.Checks;

/**
 * An SNS message attribute.
 *
 * <p>Immutable and thread-safe.
 *
 * @param type the SNS data type: {@code String}, {@code String.Array}, {@code Number} or {@code Binary};
 *     required (JSON {@code Type})
 * @param value the value as text; base64 for {@code Binary}; a JSON array for {@code String.Array}; required
 *     (JSON {@code Value})
 */
public record SnsMessageAttribute(@JsonProperty("Type") String type, @JsonProperty("Value") String value) {

    /**
     * Validates the components.
     *
     * @throws NullPointerException if {@code type} or {@code value} is null
     */
    public SnsMessageAttribute {
        Checks.required(type, "Type");
        Checks.required(value, "Value");
    }
}
