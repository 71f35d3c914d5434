/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.events.internal;

import java.util.List;
import java.util.Map;

/** Validation and defensive copies for the compact constructors of the event records. */
public final class Checks {

    private Checks() {
    }

    /**
     * Returns {@code value} or throws {@link MissingFieldException} naming the JSON field.
     *
     * @param value the component value
     * @param jsonField the JSON name of the field, as AWS sends it
     * @param <T> the component type
     * @return {@code value}
     */
    public static <T> T required(T value, String jsonField) {
        if (value == null) {
            throw new MissingFieldException(jsonField);
        }
        return value;
    }

    /**
     * Throws {@link InvalidFieldException} naming the JSON field.
     *
     * @param jsonField the JSON name of the field
     * @param problem what is wrong with it
     * @return never returns; declared so callers can write {@code throw Checks.invalid(...)}
     */
    public static InvalidFieldException invalid(String jsonField, String problem) {
        return new InvalidFieldException(jsonField, problem);
    }

    /**
     * Returns an unmodifiable copy of {@code list}; empty for {@code null}. A list that is already unmodifiable
     * (e.g. built by the readers with {@code List.of}) is returned as it is, without copying.
     *
     * @param list the list, possibly null
     * @param jsonField the JSON name of the field, for the message when an element is null
     * @param <T> the element type
     * @return an unmodifiable list without nulls
     */
    public static <T> List<T> list(List<T> list, String jsonField) {
        if (list == null || list.isEmpty()) {
            return List.of();
        }
        try {
            return List.copyOf(list);
        } catch (NullPointerException e) {
            throw new InvalidFieldException(jsonField + "[" + list.indexOf(null) + "]",
                    "null is not allowed in this list");
        }
    }

    /**
     * Returns an unmodifiable copy of {@code map}; empty for {@code null}. A map that is already unmodifiable
     * (e.g. built by the readers with {@code Map.of}) is returned as it is, without copying.
     *
     * @param map the map, possibly null
     * @param jsonField the JSON name of the field, for the message when a value is null
     * @param <V> the value type
     * @return an unmodifiable map without null keys or values
     */
    public static <V> Map<String, V> map(Map<String, V> map, String jsonField) {
        if (map == null || map.isEmpty()) {
            return Map.of();
        }
        try {
            return Map.copyOf(map);
        } catch (NullPointerException e) {
            for (Map.Entry<String, V> entry : map.entrySet()) {
                if (entry.getValue() == null) {
                    throw new InvalidFieldException(jsonField + "." + entry.getKey(), "null is not allowed here");
                }
            }
            throw new InvalidFieldException(jsonField, "null keys are not allowed");
        }
    }
}
