/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.examples.dlqreplay;

import static org.assertj.core.api.Assertions.assertThat;

import io.serverless4j.examples.QueueFixture;
import io.serverless4j.dlq.cli.DlqReplayMain;
import io.serverless4j.testing.LocalAws;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/** The README's command, run in-process through {@code DlqReplayMain.execute} against a named DLQ on ElasticMQ. */
@ExtendWith(LocalAws.class)
class DlqReplayCliIT {

    private QueueFixture orders;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void credentialsForTheDefaultChain() {
        // The command line uses the SDK's default credential chain; the emulator accepts any key.
        System.setProperty("aws.accessKeyId", "serverless4j");
        System.setProperty("aws.secretAccessKey", "serverless4j");
    }

    @BeforeEach
    void setUp(SqsClient sqs) {
        orders = QueueFixture.create(sqs, "orders", 3, Duration.ofSeconds(30));
        for (int i = 1; i <= 3; i++) {
            String body = "{\"type\":\"" + (i == 2 ? "OrderCancelled" : "OrderPlaced") + "\",\"orderId\":\"o-" + i
                    + "\"}";
            sqs.sendMessage(b -> b.queueUrl(orders.dlqUrl()).messageBody(body));
        }
    }

    private int run(String... options) {
        List<String> args = new ArrayList<>(List.of("--dlq", orders.dlqUrl(),
                "--endpoint-url", LocalAws.sqs().endpoint().toString(), "--region", LocalAws.region().id(),
                "--progress", "none"));
        args.addAll(List.of(options));
        int code = DlqReplayMain.execute(new PrintWriter(out), new PrintWriter(err), args.toArray(String[]::new));
        System.out.println(out);
        return code;
    }

    @Test
    void movesTheNamedDlqBackToItsRedriveSourceAndExitsZero() {
        int code = run();

        assertThat(code).as("exit code; stderr: %s", err).isZero();
        assertThat(out.toString()).contains("moved                    3");
        List<Message> back = orders.receive(orders.queueUrl(), Duration.ofSeconds(1));
        assertThat(back).hasSize(3).allSatisfy(m -> assertThat(m.messageAttributes())
                .containsKey("serverless4j-original-message-id"));
        assertThat(orders.receive(orders.dlqUrl(), Duration.ZERO)).isEmpty();
    }

    @Test
    void aFilteredDryRunMovesNothing() {
        int code = run("--dry-run", "--filter", "/type=OrderPlaced");

        assertThat(code).as("exit code; stderr: %s", err).isZero();
        assertThat(out.toString()).contains("DRY RUN", "would move               2", "skipped by filter        1");
        assertThat(orders.receive(orders.queueUrl(), Duration.ZERO)).isEmpty();
        assertThat(orders.receive(orders.dlqUrl(), Duration.ofSeconds(1))).hasSize(3);
    }
}
