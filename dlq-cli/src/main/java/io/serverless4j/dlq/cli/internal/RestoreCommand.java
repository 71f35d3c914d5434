/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.dlq.cli.internal;

import io.serverless4j.dlq.DlqArchive;
import io.serverless4j.dlq.DlqArchiveException;
import io.serverless4j.dlq.DlqReplayAbortedException;
import io.serverless4j.dlq.DlqReplayReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * {@code serverless4j-dlq-replay restore}: sends every message of a replay archive to a queue, with
 * {@link DlqArchive#restore}. One instance per run; not thread-safe.
 */
@Command(name = "restore", mixinStandardHelpOptions = true,
        description = "Sends every message of a replay archive (--archive of a replay) to a queue again, as it was "
                + "sent: body, attributes (original id, replay count), FIFO group id.",
        footer = {"", "Example:", "  java -jar serverless4j-dlq-replay.jar restore --archive orders.jsonl"
                + " --to https://sqs.eu-west-1.amazonaws.com/123456789012/orders",
            "", "Exit codes: 0 all sent, 1 some not sent, 2 usage error, 3 AWS or configuration error, 4 archive "
                + "unreadable."})
public final class RestoreCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    AwsOptions aws = new AwsOptions();

    @Option(names = "--archive", paramLabel = "FILE", required = true, description = "The JSONL archive.")
    Path archive;

    @Option(names = "--to", paramLabel = "URL", required = true, description = "The queue to send to.")
    String queueUrl;

    /** Used by picocli. */
    public RestoreCommand() {}

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (SqsClient sqs = aws.client()) {
            DlqReplayReport report = DlqArchive.restore(sqs, archive, queueUrl);
            Summary.print(report, out, true);
            return report.failed().isEmpty() ? ExitCode.OK : ExitCode.SOME_NOT_MOVED;
        } catch (DlqReplayAbortedException e) {
            Summary.print(e.report(), out, true);
            err.println("error: " + e.getMessage());
            return ExitCode.AWS_OR_CONFIG;
        } catch (DlqArchiveException e) {
            err.println("error: " + e.getMessage());
            return ExitCode.ARCHIVE;
        } catch (SdkException e) {
            err.println("error: " + e.getMessage() + (aws.region == null ? " (pass --region or set AWS_REGION)" : ""));
            return ExitCode.AWS_OR_CONFIG;
        } finally {
            err.flush();
        }
    }
}
