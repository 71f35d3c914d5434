/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.benchmarks.thumbnails;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.serverless4j.benchmarks.thumbnails.ThumbnailBenchmark.Input;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * sharp (libvips, Node.js) as the native peer: installs the sharp pinned by {@code benchmarks/src/main/sharp}'s
 * package-lock.json with {@code npm ci} into {@code benchmarks/target/sharp} (once, while its node_modules is there
 * and the lockfile unchanged), then runs that directory's {@code thumb.js} on the inputs. When Node.js, npm, the
 * install or the run fails, it prints why and the benchmark goes on without sharp.
 */
final class Sharp {

    static final Path SOURCE = Path.of("benchmarks/src/main/sharp");
    static final Path INSTALL = Path.of("benchmarks/target/sharp");
    private static final List<String> FILES = List.of("package.json", "package-lock.json", ".npmrc", "thumb.js");

    /**
     * One line of thumb.js: one input at one libvips thread count, in a fresh Node process.
     *
     * @param input the input's file name
     * @param threads libvips worker threads
     * @param medianMs median time per thumbnail
     * @param peakRssMb the process's peak resident set (maxRSS) after the warm-up and measured runs
     * @param png the same thumbnail as PNG, for SSIM
     * @param version sharp and libvips versions
     */
    record Figures(String input, int threads, double medianMs, double peakRssMb, Path png, String version) {}

    private Sharp() {}

    /** The figures for each input and thread count (1, then one per core), or none when sharp could not run. */
    static List<Figures> run(List<Input> inputs, int runs) throws InterruptedException {
        try {
            install();
            List<String> command = new ArrayList<>(List.of("node", "thumb.js", "--runs", String.valueOf(runs),
                    "--warmup", "3", "--concurrency", "1,0", "--out", INSTALL.resolve("out").toAbsolutePath()
                            .toString()));
            inputs.forEach(input -> command.add(input.path().toAbsolutePath().toString()));
            ObjectMapper json = new ObjectMapper();
            List<Figures> figures = new ArrayList<>();
            for (String line : exec(command, "thumb", 1800).split("\n")) {
                if (line.startsWith("{")) {
                    JsonNode node = json.readTree(line);
                    figures.add(new Figures(node.get("input").asText(), node.get("threads").asInt(),
                            node.get("medianMs").asDouble(), node.get("peakRssMb").asDouble(),
                            Path.of(node.get("png").asText()), "sharp " + node.get("sharp").asText() + ", libvips "
                                    + node.get("libvips").asText()));
                }
            }
            if (figures.isEmpty()) {
                throw new IllegalStateException("thumb.js printed no figures; see " + INSTALL.resolve("thumb.out"));
            }
            return figures;
        } catch (IOException | IllegalStateException e) {
            System.out.println("sharp/libvips was not run: " + e.getMessage());
            return List.of();
        }
    }

    private static void install() throws IOException, InterruptedException {
        try {
            exec(List.of("node", "--version"), "node-version", 30);
        } catch (IOException e) {
            throw new IOException("Node.js 20.9 or newer with npm is needed for the sharp columns, and 'node' is not"
                    + " on PATH (" + e.getMessage() + ")", e);
        }
        if (!Files.isRegularFile(SOURCE.resolve("thumb.js"))) {
            throw new IOException(SOURCE.resolve("thumb.js") + " is missing: run the benchmark from the repository"
                    + " root");
        }
        Files.createDirectories(INSTALL);
        Path lockfile = INSTALL.resolve("package-lock.json");
        boolean installed = Files.isDirectory(INSTALL.resolve("node_modules")) && Files.exists(lockfile)
                && Arrays.equals(Files.readAllBytes(lockfile), Files.readAllBytes(SOURCE.resolve("package-lock.json")));
        for (String file : FILES) {
            Files.copy(SOURCE.resolve(file), INSTALL.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        if (!installed) {
            System.out.println("Installing sharp into " + INSTALL + " (npm ci)");
            try {
                exec(List.of("npm", "ci", "--no-audit", "--no-fund"), "npm-ci", 600);
            } catch (IOException e) {
                throw new IOException("installing sharp with npm ci failed: " + e.getMessage(), e);
            }
        }
    }

    /**
     * Runs a command in {@link #INSTALL} and returns its standard output; its error output goes to
     * {@code <name>.log} there, whose end is in the exception when the command fails.
     */
    private static String exec(List<String> command, String name, long timeoutSeconds)
            throws IOException, InterruptedException {
        Path out = INSTALL.resolve(name + ".out");
        Path log = INSTALL.resolve(name + ".log");
        Files.createDirectories(INSTALL);
        Process process = new ProcessBuilder(command).directory(INSTALL.toFile()).redirectOutput(out.toFile())
                .redirectError(log.toFile()).start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("'" + String.join(" ", command) + "' did not finish in " + timeoutSeconds + " s");
        }
        if (process.exitValue() != 0) {
            String errors = Files.readString(log).strip();
            throw new IOException("'" + String.join(" ", command) + "' failed with exit code " + process.exitValue()
                    + " in " + INSTALL + "; its error output ends with: "
                    + errors.substring(Math.max(0, errors.length() - 600)));
        }
        return Files.readString(out);
    }
}
