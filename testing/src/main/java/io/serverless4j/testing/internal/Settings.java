/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.testing.internal;

import java.util.Locale;
import java.util.Optional;

/**
 * Reads a setting from a system property ({@code serverless4j.dynamodb.endpoint}) or, failing that, the
 * environment variable of the same name in upper case with underscores ({@code SERVERLESS4J_DYNAMODB_ENDPOINT}).
 */
public final class Settings {

    private Settings() {}

    /**
     * The value of a setting.
     *
     * @param name the dotted name without the {@code serverless4j.} prefix, e.g. {@code dynamodb.endpoint}
     * @return its value when set and not blank
     */
    public static Optional<String> get(String name) {
        String property = System.getProperty("serverless4j." + name);
        if (property != null && !property.isBlank()) {
            return Optional.of(property.trim());
        }
        String env = System.getenv(environmentName(name));
        return env == null || env.isBlank() ? Optional.empty() : Optional.of(env.trim());
    }

    /**
     * The environment variable that holds a setting.
     *
     * @param name the dotted name, e.g. {@code dynamodb.endpoint}
     * @return e.g. {@code SERVERLESS4J_DYNAMODB_ENDPOINT}
     */
    public static String environmentName(String name) {
        return "SERVERLESS4J_" + name.toUpperCase(Locale.ROOT).replace('.', '_');
    }
}
