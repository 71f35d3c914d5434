/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.retry;

import java.time.Duration;
import java.util.Objects;

/** The checks the module's builders share, so each setting fails the same way wherever it is set. */
final class Settings {

    private Settings() {}

    static int maxAttempts(int maxAttempts) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        return maxAttempts;
    }

    static Duration safetyMargin(Duration safetyMargin) {
        Objects.requireNonNull(safetyMargin, "safetyMargin");
        if (safetyMargin.isNegative()) {
            throw new IllegalArgumentException("safetyMargin must not be negative, was " + safetyMargin);
        }
        return safetyMargin;
    }
}
