/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.serverless4j.testing.internal.Dynalite;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Bad configuration gives a clear error or a working fallback, never a hang or a bare stack trace. */
class LocalAwsFailuresIT {

    @TempDir
    Path temp;

    private static Path installedDynaliteDir() {
        LocalAws.dynamoDb(); // makes sure the shared install exists
        return Dynalite.fromSettings().install().getParent();
    }

    @Test
    void withoutNodeTheMessageSaysWhatToInstall() {
        Dynalite dynalite = new Dynalite(temp.resolve("no-such-node").toString(), "npm", temp);
        assertThatThrownBy(dynalite::install)
                .isInstanceOf(LocalAwsException.class)
                .hasMessageContaining("Node.js (node) is needed to run dynalite")
                .hasMessageContaining("Install Node.js 18 or newer with npm")
                .hasMessageContaining("SERVERLESS4J_DYNAMODB_ENDPOINT");
    }

    @Test
    void withoutNpmTheMessageSaysWhatToInstall() {
        Dynalite dynalite = new Dynalite("node", temp.resolve("no-such-npm").toString(), temp.resolve("fresh"));
        assertThatThrownBy(dynalite::install)
                .isInstanceOf(LocalAwsException.class)
                .hasMessageContaining("npm is needed to run dynalite")
                .hasMessageContaining("no-such-npm");
    }

    @Test
    void anEmulatorThatFailsToStartPutsTheTailOfItsLogInTheException() throws IOException {
        Path fakeNode = temp.resolve("fake-node");
        Files.writeString(fakeNode, """
                #!/bin/sh
                if [ "$1" = "--version" ]; then echo v20.0.0; exit 0; fi
                echo "starting fake dynalite"
                echo "Error: simulated crash while opening the store" >&2
                exit 3
                """);
        Files.setPosixFilePermissions(fakeNode, PosixFilePermissions.fromString("rwxr-xr-x"));

        Dynalite dynalite = new Dynalite(fakeNode.toString(), "npm", installedDynaliteDir());
        assertThatThrownBy(() -> LocalDynamoDb.start(0, dynalite))
                .isInstanceOf(LocalAwsException.class)
                .hasMessageContaining("dynalite (the local DynamoDB) did not start")
                .hasMessageContaining("Its log ends with:")
                .hasMessageContaining("starting fake dynalite")
                .hasMessageContaining("simulated crash while opening the store");
    }

    @Test
    void aFixedPortThatIsTakenIsReportedByDynalite() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Dynalite dynalite = Dynalite.fromSettings();
            assertThatThrownBy(() -> LocalDynamoDb.start(taken.getLocalPort(), dynalite))
                    .isInstanceOf(Dynalite.PortInUseException.class)
                    .hasMessageContaining(String.valueOf(taken.getLocalPort()));
        }
    }

    @Test
    void theMainReplacesATakenPortWithAFreeOneAndSaysSo() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Map<String, Integer> ports = new LinkedHashMap<>();
            ports.put("sqs", taken.getLocalPort());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            List<AutoCloseable> started = LocalAwsMain.start(ports, new PrintStream(out, true, StandardCharsets.UTF_8));
            try {
                String printed = out.toString(StandardCharsets.UTF_8);
                assertThat(printed).contains("port " + taken.getLocalPort() + " is taken; SQS (ElasticMQ) uses port");
                LocalSqs sqs = (LocalSqs) started.get(0);
                assertThat(sqs.endpoint().getPort()).isNotEqualTo(taken.getLocalPort());
                assertThat(printed).contains("export AWS_ENDPOINT_URL_SQS=" + sqs.endpoint())
                        .contains("export SERVERLESS4J_SQS_ENDPOINT=" + sqs.endpoint());
                try (SqsClient client = sqs.newClient()) {
                    assertThat(client.createQueue(b -> b.queueName("main-check")).queueUrl()).contains("main-check");
                }
            } finally {
                for (AutoCloseable c : started) {
                    c.close();
                }
            }
        }
    }
}
