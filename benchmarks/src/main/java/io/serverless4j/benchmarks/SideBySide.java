/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.benchmarks;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;

/**
 * Runs JMH benchmarks that compare serverless4j with a peer in one run, and prints each comparison's ratio.
 *
 * <p>The convention: in one benchmark class, a method {@code <case>_serverless4j} and one method per peer,
 * {@code <case>_<peer>} (e.g. {@code parseSqs10_serverless4j} and {@code parseSqs10_lambdaEvents}), all in the
 * same mode and unit. After JMH's own output this prints a table: case, our score, the peer's score, and the
 * ratio, oriented so that above 1.0 always means serverless4j is better (throughput: ours / peer; time per
 * operation: peer / ours).
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.serverless4j.benchmarks.SideBySide [JMH options] [regex]</pre>
 */
public final class SideBySide {

    /** The suffix of our side of a comparison. */
    public static final String OURS = "serverless4j";

    private SideBySide() {}

    /**
     * Runs JMH with the given command-line options and prints the ratios.
     *
     * @param args JMH command-line options, e.g. {@code -f 1 -wi 3 -i 5 Events}
     * @throws RunnerException when JMH fails
     * @throws CommandLineOptionException when the options are wrong
     */
    public static void main(String[] args) throws RunnerException, CommandLineOptionException {
        Options options = new CommandLineOptions(args);
        Collection<RunResult> results = new Runner(options).run();
        List<Score> scores = new ArrayList<>();
        for (RunResult result : results) {
            String label = result.getParams().getBenchmark();
            String method = label.substring(label.lastIndexOf('.') + 1);
            String mode = result.getParams().getMode().shortLabel();
            StringBuilder params = new StringBuilder();
            for (String key : result.getParams().getParamsKeys()) {
                params.append(params.length() == 0 ? "" : ",").append(key).append('=')
                        .append(result.getParams().getParam(key));
            }
            scores.add(new Score(method + (params.length() == 0 ? "" : "[" + params + "]"), mode,
                    result.getPrimaryResult().getScore(), result.getPrimaryResult().getScoreUnit()));
        }
        print(compare(scores), System.out);
    }

    /**
     * One benchmark method's result.
     *
     * @param method the method name, {@code <case>_<side>}, followed by {@code [param=value,...]} when the benchmark
     *     has parameters (only results with the same parameters are compared)
     * @param mode JMH's short mode label ({@code thrpt}, {@code avgt}, {@code ss}, {@code sample})
     * @param score the primary score
     * @param unit the score's unit
     */
    public record Score(String method, String mode, double score, String unit) {}

    /**
     * One comparison of our score with a peer's.
     *
     * @param benchmarkCase the case name
     * @param peer the peer's suffix
     * @param ours our score
     * @param theirs the peer's score
     * @param unit the unit of both
     * @param ratio above 1.0 when serverless4j is better
     */
    public record Comparison(String benchmarkCase, String peer, double ours, double theirs, String unit, double ratio) {}

    /**
     * Pairs our scores with the peers' by case name.
     *
     * @param scores every method's score
     * @return one comparison per peer method that has a serverless4j counterpart in the same mode and unit
     */
    public static List<Comparison> compare(List<Score> scores) {
        Map<String, Score> ours = new LinkedHashMap<>();
        for (Score s : scores) {
            if (sideOf(s.method()).equals(OURS)) {
                ours.put(caseOf(s.method()) + "/" + s.mode(), s);
            }
        }
        List<Comparison> comparisons = new ArrayList<>();
        for (Score s : scores) {
            String side = sideOf(s.method());
            if (side.isEmpty() || side.equals(OURS)) {
                continue;
            }
            Score mine = ours.get(caseOf(s.method()) + "/" + s.mode());
            if (mine == null || !mine.unit().equals(s.unit())) {
                continue;
            }
            boolean higherIsBetter = s.mode().equals("thrpt");
            double ratio = higherIsBetter ? mine.score() / s.score() : s.score() / mine.score();
            comparisons.add(new Comparison(caseOf(s.method()), side, mine.score(),
                    s.score(), s.unit(), ratio));
        }
        return comparisons;
    }

    /** The case of {@code <case>_<side>[params]}: {@code <case>[params]}. */
    private static String caseOf(String method) {
        String params = paramsOf(method);
        String name = method.substring(0, method.length() - params.length());
        int split = name.lastIndexOf('_');
        return (split < 0 ? name : name.substring(0, split)) + params;
    }

    private static String sideOf(String method) {
        String name = method.substring(0, method.length() - paramsOf(method).length());
        int split = name.lastIndexOf('_');
        return split < 0 ? "" : name.substring(split + 1);
    }

    private static String paramsOf(String method) {
        int bracket = method.indexOf('[');
        return bracket < 0 ? "" : method.substring(bracket);
    }

    /**
     * Prints comparisons as a table.
     *
     * @param comparisons what to print
     * @param out where
     */
    public static void print(List<Comparison> comparisons, PrintStream out) {
        out.println();
        out.println("Side by side (ratio > 1.0: serverless4j is better)");
        out.printf(Locale.ROOT, "%-36s %-18s %14s %14s %-10s %7s%n", "case", "peer", OURS, "peer", "unit", "ratio");
        for (Comparison c : comparisons) {
            out.printf(Locale.ROOT, "%-36s %-18s %14.3f %14.3f %-10s %6.2fx%n", c.benchmarkCase(), c.peer(), c.ours(),
                    c.theirs(), c.unit(), c.ratio());
        }
    }
}
