/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.events.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Fast parsers for the two textual timestamp formats AWS events use. The common shapes are parsed by hand
 * (java.time's formatters cost microseconds per call and dominate the parse of a small event); anything else
 * falls back to java.time, which also produces the error.
 */
final class Timestamps {

    /** Built on first use only: loading java.time's formatter machinery costs milliseconds at cold start. */
    private static final class Formatter {
        static final DateTimeFormatter API_GATEWAY_TIME =
                DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    }
    private static final String MONTHS = "JanFebMarAprMayJunJulAugSepOctNovDec";
    private static final int[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000,
        100_000_000, 1_000_000_000};

    private Timestamps() {
    }

    /** ISO-8601 such as {@code 2019-09-03T19:37:27.192Z}; offsets other than {@code Z} go through java.time. */
    static Instant parseIso(String text) {
        int n = text.length();
        if (n >= 20 && n <= 30 && text.charAt(n - 1) == 'Z' && text.charAt(4) == '-' && text.charAt(7) == '-'
                && text.charAt(10) == 'T' && text.charAt(13) == ':' && text.charAt(16) == ':') {
            int year = digits(text, 0, 4);
            int month = digits(text, 5, 2);
            int day = digits(text, 8, 2);
            int hour = digits(text, 11, 2);
            int minute = digits(text, 14, 2);
            int second = digits(text, 17, 2);
            int nanos = 0;
            boolean ok = year >= 0 && month >= 0 && day >= 0 && hour >= 0 && minute >= 0 && second >= 0;
            if (ok && n > 20) {
                int fraction = n - 21;
                ok = text.charAt(19) == '.' && fraction >= 1 && fraction <= 9;
                int value = ok ? digits(text, 20, fraction) : -1;
                ok = ok && value >= 0;
                nanos = ok ? value * POWERS_OF_TEN[9 - fraction] : 0;
            }
            if (ok) {
                return instant(year, month, day, hour, minute, second, nanos, 0);
            }
        }
        return Instant.parse(text);
    }

    /** API Gateway's {@code 04/Mar/2020:19:15:17 +0000}. */
    static Instant parseApiGatewayTime(String text) {
        if (text.length() == 26 && text.charAt(2) == '/' && text.charAt(6) == '/' && text.charAt(11) == ':'
                && text.charAt(14) == ':' && text.charAt(17) == ':' && text.charAt(20) == ' '
                && (text.charAt(21) == '+' || text.charAt(21) == '-')) {
            int day = digits(text, 0, 2);
            int month = MONTHS.indexOf(text.substring(3, 6));
            int year = digits(text, 7, 4);
            int hour = digits(text, 12, 2);
            int minute = digits(text, 15, 2);
            int second = digits(text, 18, 2);
            int offsetHours = digits(text, 22, 2);
            int offsetMinutes = digits(text, 24, 2);
            if (day >= 0 && month >= 0 && month % 3 == 0 && year >= 0 && hour >= 0 && minute >= 0 && second >= 0
                    && offsetHours >= 0 && offsetMinutes >= 0 && offsetHours < 18 && offsetMinutes < 60) {
                int offsetSeconds = (offsetHours * 3600 + offsetMinutes * 60) * (text.charAt(21) == '-' ? -1 : 1);
                return instant(year, month / 3 + 1, day, hour, minute, second, 0, offsetSeconds);
            }
        }
        return Formatter.API_GATEWAY_TIME.parse(text, Instant::from);
    }

    /**
     * Epoch seconds with an optional fraction, to the nanosecond.
     *
     * @throws ArithmeticException or DateTimeException when out of range
     */
    static Instant ofEpochSeconds(BigDecimal seconds) {
        BigDecimal whole = seconds.setScale(0, RoundingMode.FLOOR);
        int nanos = seconds.subtract(whole).movePointRight(9).intValue();
        return Instant.ofEpochSecond(whole.longValueExact(), nanos);
    }

    /** Formats API Gateway's time in UTC. */
    static String formatApiGatewayTime(Instant instant) {
        return Formatter.API_GATEWAY_TIME.format(instant);
    }

    private static Instant instant(int year, int month, int day, int hour, int minute, int second, int nanos,
            int offsetSeconds) {
        if (hour > 23 || minute > 59 || second > 59) {
            throw new DateTimeException("invalid time of day " + hour + ":" + minute + ":" + second);
        }
        long epochDay = LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600L + minute * 60L + second - offsetSeconds,
                nanos);
    }

    /** The decimal value of {@code length} ASCII digits at {@code start}, or -1 if one is not a digit. */
    private static int digits(String text, int start, int length) {
        int value = 0;
        for (int i = start; i < start + length; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
