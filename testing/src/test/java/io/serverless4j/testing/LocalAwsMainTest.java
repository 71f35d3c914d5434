/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LocalAwsMainTest {

    @Test
    void defaultsToTheEmulatorsOwnPorts() {
        assertThat(LocalAwsMain.parsePorts(new String[0]))
                .containsExactly(entry("sqs", 9324), entry("s3", 9090), entry("dynamodb", 4567),
                        entry("eventbridge", 9195));
    }

    @Test
    void portsCanBeChosenPerService() {
        assertThat(LocalAwsMain.parsePorts(new String[] {"--dynamodb-port", "8000", "--sqs-port", "0"}))
                .containsEntry("dynamodb", 8000).containsEntry("sqs", 0).containsEntry("s3", 9090);
    }

    @Test
    void helpReturnsNoPorts() {
        assertThat(LocalAwsMain.parsePorts(new String[] {"--help"})).isNull();
    }

    @Test
    void badOptionsAreNamed() {
        assertThatThrownBy(() -> LocalAwsMain.parsePorts(new String[] {"--kinesis-port", "1"}))
                .hasMessage("unknown option: --kinesis-port");
        assertThatThrownBy(() -> LocalAwsMain.parsePorts(new String[] {"--sqs-port"}))
                .hasMessage("--sqs-port needs a port number");
        assertThatThrownBy(() -> LocalAwsMain.parsePorts(new String[] {"--sqs-port", "x"}))
                .hasMessage("--sqs-port needs a port number, got 'x'");
        assertThatThrownBy(() -> LocalAwsMain.parsePorts(new String[] {"--sqs-port", "70000"}))
                .hasMessage("--sqs-port must be 0 (any free port) to 65535, got 70000");
    }

    private static java.util.Map.Entry<String, Integer> entry(String key, int value) {
        return java.util.Map.entry(key, value);
    }
}
