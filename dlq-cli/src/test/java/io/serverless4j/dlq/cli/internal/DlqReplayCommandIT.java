/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.dlq.cli.internal;

import io.serverless4j.testing.SqsQueues;
import static org.assertj.core.api.Assertions.assertThat;

import io.serverless4j.dlq.DlqMessage;
import io.serverless4j.dlq.cli.DlqReplayMain;
import io.serverless4j.testing.LocalAws;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/** The command line, run in this JVM against ElasticMQ through --endpoint-url. */
@ExtendWith(LocalAws.class)
class DlqReplayCommandIT {

    /** What one run printed and returned. */
    record Run(int exitCode, String out, String err) {}

    @TempDir
    Path dir;

    @BeforeAll
    static void credentials() {
        // The CLI uses the SDK's default credential chain; system properties are its first link.
        System.setProperty("aws.accessKeyId", "serverless4j");
        System.setProperty("aws.secretAccessKey", "serverless4j");
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(Arrays.asList(args));
        if (args.length == 0 || !args[0].equals("--help")) {
            all.addAll(List.of("--endpoint-url", LocalAws.sqs().endpoint().toString(), "--region",
                    LocalAws.region().id()));
        }
        int code = DlqReplayMain.execute(new PrintWriter(out), new PrintWriter(err), all.toArray(String[]::new));
        Run run = new Run(code, out.toString(), err.toString());
        System.out.println("$ serverless4j-dlq-replay " + String.join(" ", args) + "\n" + run.out() + run.err()
                + "(exit " + code + ")");
        return run;
    }

    @Test
    void movesEverythingAndExitsZeroWithASummaryTable(SqsClient sqs) {
        SqsQueues.Pair queues = SqsQueues.pair(sqs, "cli");
        SqsQueues.sendBodies(sqs, queues.dlqUrl(), SqsQueues.bodies("order", 42));

        Run run = run("--dlq", queues.dlqUrl(), "--progress", "lines", "--progress-interval", "0s");

        assertThat(run.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(run.out()).contains("Replaying " + queues.dlqUrl() + " -> " + queues.sourceUrl())
                .contains("progress: ").contains("DLQ replay finished: no more messages")
                .containsPattern("moved +42\\n").containsPattern("failed +0\\n")
                .containsPattern("kept \\(replay limit\\) +0\\n").containsPattern("rate +[0-9.]+ msgs/s");
        assertThat(SqsQueues.drain(sqs, queues.sourceUrl())).hasSize(42);
    }

    @Test
    void dryRunShowsSamplesMovesNothingAndExitsZero(SqsClient sqs) {
        SqsQueues.Pair queues = SqsQueues.pair(sqs, "cli-dry");
        SqsQueues.sendBodies(sqs, queues.dlqUrl(), List.of("{\"type\":\"OrderPlaced\",\"id\":1}",
                "{\"type\":\"OrderPlaced\",\"id\":2}", "{\"type\":\"Other\"}"));

        Run run = run("--dlq", queues.dlqUrl(), "--dry-run", "--filter", "/type=OrderPlaced", "--samples", "1",
                "--progress", "none");

        assertThat(run.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(run.out()).contains("DRY RUN (nothing was moved)").containsPattern("would move +2\\n")
                .containsPattern("skipped by filter +1\\n").contains("Samples, as they would be sent:")
                .contains("\"type\":\"OrderPlaced\"").contains(DlqMessage.REPLAY_COUNT_ATTRIBUTE);
        assertThat(SqsQueues.counts(sqs, queues.dlqUrl())).containsExactly(3, 0);
        assertThat(SqsQueues.counts(sqs, queues.sourceUrl())).containsExactly(0, 0);
    }

    @Test
    void exitsOneAndListsTheMessagesKeptOverTheReplayLimit(SqsClient sqs) {
        SqsQueues.Pair queues = SqsQueues.pair(sqs, "cli-kept");
        String tired = sqs.sendMessage(b -> b.queueUrl(queues.dlqUrl()).messageBody("tired").messageAttributes(Map.of(
                DlqMessage.REPLAY_COUNT_ATTRIBUTE, MessageAttributeValue.builder().dataType("Number")
                        .stringValue("3").build()))).messageId();
        SqsQueues.sendBodies(sqs, queues.dlqUrl(), List.of("fine"));

        Run run = run("--dlq", queues.dlqUrl(), "--progress", "none");

        assertThat(run.exitCode()).isEqualTo(ExitCode.SOME_NOT_MOVED);
        assertThat(run.out()).containsPattern("moved +1\\n").containsPattern("kept \\(replay limit\\) +1\\n")
                .contains("Kept over the replay limit (still in the DLQ):").contains(tired);
    }

    @Test
    void exitsThreeNamingTheFixWhenNoQueueNamesTheDlq(SqsClient sqs) {
        String dlq = SqsQueues.create(sqs, "cli-orphan");

        Run run = run("--dlq", dlq, "--progress", "none");

        assertThat(run.exitCode()).isEqualTo(ExitCode.AWS_OR_CONFIG);
        assertThat(run.err()).contains("error: No queue has a redrive policy that names " + dlq).contains("--to");
    }

    @Test
    void exitsThreeWhenTheDlqDoesNotExist(SqsClient sqs) {
        String missing = LocalAws.sqs().endpoint() + "/000000000000/no-such-dlq";

        Run run = run("--dlq", missing, "--to", SqsQueues.create(sqs, "t"), "--progress", "none");

        assertThat(run.exitCode()).isEqualTo(ExitCode.AWS_OR_CONFIG);
        assertThat(run.err()).contains("cannot start the replay of " + missing).contains("nothing was moved");
    }

    @Test
    void exitsTwoOnUsageErrors() {
        assertThat(run("--dlq").exitCode()).isEqualTo(ExitCode.USAGE);
        Run noDlq = run("--dry-run");
        assertThat(noDlq.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(noDlq.err()).contains("Missing required option: '--dlq=URL'");
        Run badFilter = run("--dlq", "http://x/q", "--filter", "type=OrderPlaced");
        assertThat(badFilter.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(badFilter.err()).contains("--filter needs POINTER=VALUE");
        Run badWorkers = run("--dlq", "http://x/q", "--workers", "0");
        assertThat(badWorkers.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(badWorkers.err()).contains("workers must be 1 to 64");
        Run badDuration = run("--dlq", "http://x/q", "--time-limit", "soon");
        assertThat(badDuration.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(badDuration.err()).contains("'soon' is not a duration");
    }

    @Test
    void helpShowsAnExampleAndTheExitCodes() {
        Run run = run("--help");
        assertThat(run.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(run.out()).contains("Examples:").contains("java -jar serverless4j-dlq-replay.jar --dlq $DLQ")
                .contains("Exit codes:").contains("restore");
    }

    @Test
    void archivesAndRestoresThroughTheRestoreSubcommand(SqsClient sqs) throws Exception {
        SqsQueues.Pair queues = SqsQueues.pair(sqs, "cli-archive");
        SqsQueues.sendBodies(sqs, queues.dlqUrl(), SqsQueues.bodies("m", 12));
        Path archive = dir.resolve("orders.jsonl");

        assertThat(run("--dlq", queues.dlqUrl(), "--archive", archive.toString(), "--progress", "none").exitCode())
                .isEqualTo(ExitCode.OK);
        assertThat(Files.readAllLines(archive)).hasSize(12);
        List<Message> first = SqsQueues.drain(sqs, queues.sourceUrl());
        String other = SqsQueues.create(sqs, "cli-restored");

        Run restore = run("restore", "--archive", archive.toString(), "--to", other);

        assertThat(restore.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(restore.out()).contains("Restore finished").containsPattern("sent +12\\n");
        assertThat(SqsQueues.drain(sqs, other)).extracting(Message::body)
                .containsExactlyInAnyOrderElementsOf(first.stream().map(Message::body).toList());
        Run missing = run("restore", "--archive", dir.resolve("missing.jsonl").toString(), "--to", other);
        assertThat(missing.exitCode()).isEqualTo(ExitCode.ARCHIVE);
    }
}
