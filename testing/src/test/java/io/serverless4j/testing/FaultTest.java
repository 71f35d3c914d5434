/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class FaultTest {

    @Test
    void aDelayNeedsAPositiveDurationAndOtherFaultsNone() {
        assertThat(Fault.delay(Duration.ofMillis(5)).delay()).isEqualTo(Duration.ofMillis(5));
        assertThatThrownBy(() -> Fault.delay(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Fault(Fault.Kind.THROTTLING, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(Fault.throttling().kind()).isEqualTo(Fault.Kind.THROTTLING);
    }
}
