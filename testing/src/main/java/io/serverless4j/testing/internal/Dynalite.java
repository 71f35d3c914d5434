/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.testing.internal;

import io.serverless4j.testing.LocalAwsException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Installs dynalite (pinned by the package-lock.json shipped in this jar) with {@code npm ci} and starts it as a
 * child process.
 */
public final class Dynalite {

    private static final String RESOURCES = "/io/serverless4j/testing/dynalite/";
    private static final List<String> FILES = List.of("package.json", "package-lock.json", ".npmrc", "launcher.js");
    private static final long INSTALL_TIMEOUT_SECONDS = 300;
    private static final long START_TIMEOUT_MILLIS = 30_000;

    private final String node;
    private final String npm;
    private final Path directory;

    /**
     * Describes where node, npm and the install live.
     *
     * @param node the node executable (a name on PATH or a path)
     * @param npm the npm executable
     * @param directory where dynalite is installed
     */
    public Dynalite(String node, String npm, Path directory) {
        this.node = node;
        this.npm = npm;
        this.directory = directory;
    }

    /**
     * The settings from system properties and the environment: {@code SERVERLESS4J_NODE},
     * {@code SERVERLESS4J_NPM}, {@code SERVERLESS4J_DYNALITE_DIR}.
     *
     * @return the configured installation
     */
    public static Dynalite fromSettings() {
        Path defaultDir = Path.of(System.getProperty("user.home"), ".cache", "serverless4j", "dynalite-4.0.0");
        return new Dynalite(
                Settings.get("node").orElse("node"),
                Settings.get("npm").orElse("npm"),
                Settings.get("dynalite.dir").map(Path::of).orElse(defaultDir));
    }

    /**
     * Makes sure dynalite is installed, installing it once (under a file lock, so parallel JVMs install it
     * once between them).
     *
     * @return the launcher script
     */
    public Path install() {
        requireTool(node, "Node.js (node)");
        try {
            Files.createDirectories(directory);
            try (FileChannel channel = FileChannel.open(directory.resolve(".install.lock"),
                            StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock lock = channel.lock()) {
                byte[] lockfile = resource("package-lock.json");
                Path marker = directory.resolve(".installed");
                boolean installed = Files.isRegularFile(directory.resolve("node_modules/dynalite/cli.js"))
                        && Files.isRegularFile(marker)
                        && Arrays.equals(Files.readAllBytes(marker), lockfile);
                for (String file : FILES) {
                    Files.write(directory.resolve(file), resource(file));
                }
                if (!installed) {
                    Files.deleteIfExists(marker);
                    requireTool(npm, "npm");
                    run(List.of(npm, "ci", "--omit=dev", "--no-audit", "--no-fund"), "npm ci (installing dynalite)");
                    Path tmp = Files.createTempFile(directory, ".installed", ".tmp");
                    Files.write(tmp, lockfile);
                    Files.move(tmp, marker, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                }
            }
        } catch (IOException e) {
            throw new LocalAwsException("cannot install dynalite into " + directory + ": " + e, e);
        }
        return directory.resolve("launcher.js");
    }

    /**
     * Starts dynalite on {@code port}; its in-memory store lives as long as the process.
     *
     * @param launcher the script from {@link #install()}
     * @param port the port
     * @return the running process and its log
     * @throws LocalAwsException when it does not start; the message ends with its log
     * @throws PortInUseException when the port was taken in the meantime
     */
    public Running start(Path launcher, int port) {
        List<String> command = List.of(node, launcher.toString(), "--host", "127.0.0.1", "--port", String.valueOf(port),
                "--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0");
        Process process;
        try {
            process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new LocalAwsException(missingToolMessage(node, "Node.js (node)"), e);
        }
        ProcessLog log = new ProcessLog("dynalite-" + port, process.getInputStream(),
                line -> line.contains("listening at"));
        try {
            if (log.awaitReady(START_TIMEOUT_MILLIS)) {
                Running running = new Running(process, log, port);
                Runtime.getRuntime().addShutdownHook(new Thread(running::close, "serverless4j-dynalite-stop"));
                return running;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.destroyForcibly();
        log.awaitEnd(2_000);
        String tail = log.tail();
        if (tail.contains("EADDRINUSE")) {
            throw new PortInUseException(port);
        }
        throw new LocalAwsException("dynalite (the local DynamoDB) did not start on 127.0.0.1:" + port + " within "
                + START_TIMEOUT_MILLIS / 1000 + " s. Command: " + String.join(" ", command)
                + System.lineSeparator() + "Its log ends with:" + System.lineSeparator() + tail);
    }

    /** Thrown by {@link #start} when another process took the port first. */
    public static final class PortInUseException extends LocalAwsException {
        private static final long serialVersionUID = 1L;

        PortInUseException(int port) {
            super("port " + port + " on 127.0.0.1 is already in use");
        }
    }

    /**
     * A running dynalite.
     *
     * @param process the node process
     * @param log its output
     * @param port its port
     */
    public record Running(Process process, ProcessLog log, int port) implements AutoCloseable {
        @Override
        public void close() {
            process.destroy();
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run(List<String> command, String what) {
        Process process;
        try {
            process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new LocalAwsException(missingToolMessage(command.get(0), "npm"), e);
        }
        ProcessLog log = new ProcessLog(what, process.getInputStream(), line -> false);
        try {
            process.getOutputStream().close();
            if (!process.waitFor(INSTALL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new LocalAwsException(what + " did not finish within " + INSTALL_TIMEOUT_SECONDS + " s in "
                        + directory + ". Its output ends with:" + System.lineSeparator() + log.tail());
            }
        } catch (IOException e) {
            throw new LocalAwsException(what + " failed in " + directory + ": " + e, e);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new LocalAwsException(what + " was interrupted", e);
        }
        log.awaitEnd(2_000);
        if (process.exitValue() != 0) {
            throw new LocalAwsException(what + " failed with exit code " + process.exitValue() + " in " + directory
                    + ". Its output ends with:" + System.lineSeparator() + log.tail());
        }
    }

    private static void requireTool(String executable, String name) {
        List<String> command = new ArrayList<>(List.of(executable, "--version"));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new LocalAwsException(name + " at '" + executable + "' does not work ('" + executable
                        + " --version' failed). " + installHint());
            }
        } catch (IOException e) {
            throw new LocalAwsException(missingToolMessage(executable, name), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalAwsException("interrupted while checking " + name, e);
        }
    }

    static String missingToolMessage(String executable, String name) {
        return name + " is needed to run dynalite (the local DynamoDB), but '" + executable + "' was not found. "
                + installHint();
    }

    private static String installHint() {
        return "Install Node.js 18 or newer with npm (e.g. 'apt-get install nodejs npm'), or point "
                + "SERVERLESS4J_NODE / SERVERLESS4J_NPM at them, or set SERVERLESS4J_DYNAMODB_ENDPOINT to an existing "
                + "DynamoDB-compatible endpoint.";
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = Dynalite.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IOException("resource " + RESOURCES + name + " is missing from serverless4j-testing");
            }
            return in.readAllBytes();
        }
    }
}
