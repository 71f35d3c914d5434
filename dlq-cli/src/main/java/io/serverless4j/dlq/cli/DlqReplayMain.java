/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.dlq.cli;

import io.serverless4j.dlq.cli.internal.DlqReplayCommand;
import io.serverless4j.dlq.cli.internal.ExitCode;
import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * The {@code main} of {@code serverless4j-dlq-replay.jar}: {@code java -jar serverless4j-dlq-replay.jar --help}.
 * Exits with 0 when everything was moved, 1 when some messages stayed in the DLQ, 2 on a usage error, 3 on
 * an AWS or configuration error, 4 when the archive could not be written or read (docs/dlq-replay.md).
 */
public final class DlqReplayMain {

    private DlqReplayMain() {}

    /**
     * Runs the command and exits the JVM with its exit code.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        int code = execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
        System.exit(code);
    }

    /**
     * Runs the command in this JVM without exiting it (for tests and for embedding).
     *
     * @param out where the progress and the summary go
     * @param err where errors and usage go
     * @param args the command line
     * @return the exit code (see the class comment)
     */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = new CommandLine(new DlqReplayCommand());
        commandLine.setOut(out);
        commandLine.setErr(err);
        // picocli answers invalid input with 2 (ExitCode.USAGE) on its own; anything unexpected is reported
        // without a stack trace and with a code no script confuses with "some messages were not moved".
        commandLine.setExecutionExceptionHandler((e, cl, parseResult) -> {
            cl.getErr().println("error: " + e);
            return ExitCode.AWS_OR_CONFIG;
        });
        int code = commandLine.execute(args);
        out.flush();
        err.flush();
        return code;
    }
}
