/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.events.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A small, strict RFC 8259 pull parser over UTF-8 bytes, used by the hand-written event readers.
 *
 * <p>Why not jackson-core's parser: AWS event JSON is mostly ASCII strings (ids, ARNs, receipt handles, bodies),
 * and for those a string can be made with one copy ({@code new String(bytes, ISO_8859_1)}), where a general
 * parser decodes into a char buffer and compresses it back; with data binding gone that decoding was most of
 * the parse time. Not loading jackson-core on the parse path also shortens cold starts. Non-ASCII text, escapes
 * and invalid UTF-8 take a slower, validating path. Not thread-safe: one instance per parse.
 *
 * <p>The token model mirrors jackson-core's ({@link #nextToken()}, {@link #nextFieldName()},
 * {@link #skipChildren()}), including its context rules, so that error paths come out the same.
 */
final class JsonReader {

    /** The kinds of token. */
    enum Token {
        START_OBJECT, END_OBJECT, START_ARRAY, END_ARRAY, FIELD_NAME, STRING, NUMBER_INT, NUMBER_FLOAT, TRUE,
        FALSE, NULL
    }

    /** Malformed JSON; the message says what and the reader knows where. */
    static final class MalformedJsonException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MalformedJsonException(String message) {
            super(message, null, false, false);
        }
    }

    private static final int MAX_DEPTH = 1000;
    private static final byte OBJECT_START = 0;
    private static final byte OBJECT_VALUE = 1;
    private static final byte OBJECT_AFTER = 2;
    private static final byte ARRAY_START = 3;
    private static final byte ARRAY_AFTER = 4;

    private final byte[] buf;
    // Eight-byte reads for the string scan; a heap buffer's getLong is an intrinsic, and unlike a VarHandle it
    // needs no invokedynamic machinery at cold start.
    private final ByteBuffer longs;
    private final int end;
    private int pos;
    private Token token;
    private String text;
    private int numberStart;
    private int numberEnd;

    // The context stack; level 0 is the root.
    private int depth;
    private byte[] states = new byte[16];
    private String[] names = new String[16];
    private int[] indices = new int[16];
    private boolean rootDone;

    JsonReader(byte[] buf) {
        this.buf = buf;
        this.longs = ByteBuffer.wrap(buf).order(ByteOrder.LITTLE_ENDIAN);
        this.end = buf.length;
        // A UTF-8 byte order mark is allowed and skipped.
        if (end >= 3 && (buf[0] & 0xFF) == 0xEF && (buf[1] & 0xFF) == 0xBB && (buf[2] & 0xFF) == 0xBF) {
            pos = 3;
        }
    }

    Token currentToken() {
        return token;
    }

    /** The text of the current string or field name, or the literal text of the current number. */
    String text() {
        if (token == Token.NUMBER_INT || token == Token.NUMBER_FLOAT) {
            return new String(buf, numberStart, numberEnd - numberStart, StandardCharsets.ISO_8859_1);
        }
        return text;
    }

    /** Advances to the next token; null at the end of the input after the root value. */
    Token nextToken() {
        text = null;
        int c = skipWhitespace();
        if (depth == 0) {
            if (c < 0) {
                return token = null;
            }
            if (rootDone) {
                throw malformed("unexpected content after the JSON value: " + describe(c));
            }
            rootDone = true;
            return value(c);
        }
        switch (states[depth]) {
            case ARRAY_START:
                if (c == ']') {
                    return endArray();
                }
                indices[depth]++;
                states[depth] = ARRAY_AFTER;
                return value(c);
            case ARRAY_AFTER:
                if (c == ']') {
                    return endArray();
                }
                if (c != ',') {
                    throw malformed(c < 0 ? "unexpected end of input in an array"
                            : "expected ',' or ']', found " + describe(c));
                }
                pos++;
                indices[depth]++;
                return value(skipWhitespace());
            case OBJECT_VALUE:
                states[depth] = OBJECT_AFTER;
                return value(c);
            case OBJECT_AFTER:
                if (c == '}') {
                    return endObject();
                }
                names[depth] = null; // a new member starts; errors from here on are about the object itself
                if (c != ',') {
                    throw malformed(c < 0 ? "unexpected end of input in an object"
                            : "expected ',' or '}', found " + describe(c));
                }
                pos++;
                return fieldName(skipWhitespace());
            default: // OBJECT_START
                if (c == '}') {
                    return endObject();
                }
                return fieldName(c);
        }
    }

    private Token fieldName(int c) {
        if (c != '"') {
            throw malformed(c < 0 ? "unexpected end of input in an object"
                    : "expected a field name in double quotes, found " + describe(c));
        }
        pos++;
        String name = name();
        int colon = skipWhitespace();
        if (colon != ':') {
            throw malformed("expected ':' after the field name \"" + name + "\", found " + describe(colon));
        }
        pos++;
        names[depth] = name;
        states[depth] = OBJECT_VALUE;
        text = name;
        return token = Token.FIELD_NAME;
    }

    private Token endArray() {
        pos++;
        depth--;
        return token = Token.END_ARRAY;
    }

    private Token endObject() {
        pos++;
        depth--;
        return token = Token.END_OBJECT;
    }

    /** Advances to the next field name and returns it; null when the object ends (the token is END_OBJECT). */
    String nextFieldName() {
        Token next = nextToken();
        if (next == Token.FIELD_NAME) {
            return text;
        }
        if (next == Token.END_OBJECT) {
            return null;
        }
        throw new IllegalStateException("nextFieldName() called outside an object");
    }

    /** Skips the current object or array to its end token; does nothing on a scalar. */
    void skipChildren() {
        if (token != Token.START_OBJECT && token != Token.START_ARRAY) {
            return;
        }
        int level = 1;
        while (level > 0) {
            Token next = nextToken();
            if (next == null) {
                throw malformed("unexpected end of input");
            }
            if (next == Token.START_OBJECT || next == Token.START_ARRAY) {
                level++;
            } else if (next == Token.END_OBJECT || next == Token.END_ARRAY) {
                level--;
            }
        }
    }

    /** Whether the current integer fits a long. */
    boolean fitsLong() {
        int digits = numberEnd - numberStart - (buf[numberStart] == '-' ? 1 : 0);
        if (digits < 19) {
            return true;
        }
        try {
            Long.parseLong(text());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Whether the current integer fits an int. */
    boolean fitsInt() {
        if (!fitsLong()) {
            return false;
        }
        long value = longValue();
        return value == (int) value;
    }

    /** The current integer; call only when {@link #fitsLong()}. */
    long longValue() {
        int i = numberStart;
        boolean negative = buf[i] == '-';
        if (negative) {
            i++;
        }
        if (numberEnd - i >= 19) {
            return Long.parseLong(text());
        }
        long value = 0;
        for (; i < numberEnd; i++) {
            value = value * 10 + (buf[i] - '0');
        }
        return negative ? -value : value;
    }

    BigInteger bigIntegerValue() {
        return new BigInteger(text());
    }

    BigDecimal decimalValue() {
        return new BigDecimal(text());
    }

    double doubleValue() {
        return Double.parseDouble(text());
    }

    /** The JSON path of the current value in AWS field names, as jackson-core's context would give it. */
    String path() {
        int top = depth;
        if (token == Token.START_OBJECT || token == Token.START_ARRAY) {
            top--; // the value that starts here belongs to the enclosing context
        }
        StringBuilder path = new StringBuilder();
        for (int level = 1; level <= top; level++) {
            if (states[level] >= ARRAY_START) {
                path.append('[').append(Math.max(indices[level], 0)).append(']');
            } else if (names[level] != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(names[level]);
            }
        }
        return path.length() == 0 ? "$" : path.toString();
    }

    /** Line and column (1-based) of the current position, for error messages. */
    String location() {
        int line = 1;
        int column = 1;
        for (int i = 0; i < Math.min(pos, end); i++) {
            if (buf[i] == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return "line " + line + ", column " + column;
    }

    private Token value(int c) {
        switch (c) {
            case '{':
                pos++;
                push(OBJECT_START);
                return token = Token.START_OBJECT;
            case '[':
                pos++;
                push(ARRAY_START);
                return token = Token.START_ARRAY;
            case '"':
                pos++;
                text = string();
                return token = Token.STRING;
            case 't':
                literal("true");
                return token = Token.TRUE;
            case 'f':
                literal("false");
                return token = Token.FALSE;
            case 'n':
                literal("null");
                return token = Token.NULL;
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return token = number();
                }
                throw malformed(c < 0 ? "unexpected end of input, expected a value"
                        : "expected a JSON value, found " + describe(c));
        }
    }

    private void push(byte state) {
        if (depth + 1 >= MAX_DEPTH) {
            throw malformed("nesting deeper than " + MAX_DEPTH + " levels");
        }
        depth++;
        if (depth == states.length) {
            int size = states.length * 2;
            states = Arrays.copyOf(states, size);
            names = Arrays.copyOf(names, size);
            indices = Arrays.copyOf(indices, size);
        }
        states[depth] = state;
        names[depth] = null;
        indices[depth] = -1;
    }

    private int skipWhitespace() {
        while (pos < end) {
            byte b = buf[pos];
            if (b == ' ' || b == '\n' || b == '\r' || b == '\t') {
                pos++;
            } else {
                return b & 0xFF;
            }
        }
        return -1;
    }

    private void literal(String word) {
        int length = word.length();
        if (pos + length > end) {
            throw malformed("unexpected end of input in '" + word + "'");
        }
        for (int i = 0; i < length; i++) {
            if (buf[pos + i] != word.charAt(i)) {
                throw malformed("unrecognized token starting with '" + (char) (buf[pos] & 0xFF) + "'");
            }
        }
        pos += length;
        if (pos < end && isIdentifierPart(buf[pos])) {
            throw malformed("unrecognized token '" + word + (char) (buf[pos] & 0xFF) + "...'");
        }
    }

    private static boolean isIdentifierPart(byte b) {
        return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || b == '_';
    }

    private Token number() {
        int start = pos;
        if (buf[pos] == '-') {
            pos++;
        }
        if (pos >= end || buf[pos] < '0' || buf[pos] > '9') {
            throw malformed("expected a digit after '-'");
        }
        if (buf[pos] == '0') {
            pos++;
            if (pos < end && buf[pos] >= '0' && buf[pos] <= '9') {
                throw malformed("leading zeros are not allowed in numbers");
            }
        } else {
            while (pos < end && buf[pos] >= '0' && buf[pos] <= '9') {
                pos++;
            }
        }
        boolean fraction = false;
        if (pos < end && buf[pos] == '.') {
            fraction = true;
            pos++;
            int digits = pos;
            while (pos < end && buf[pos] >= '0' && buf[pos] <= '9') {
                pos++;
            }
            if (pos == digits) {
                throw malformed("expected a digit after the decimal point");
            }
        }
        if (pos < end && (buf[pos] == 'e' || buf[pos] == 'E')) {
            fraction = true;
            pos++;
            if (pos < end && (buf[pos] == '+' || buf[pos] == '-')) {
                pos++;
            }
            int digits = pos;
            while (pos < end && buf[pos] >= '0' && buf[pos] <= '9') {
                pos++;
            }
            if (pos == digits) {
                throw malformed("expected a digit in the exponent");
            }
        }
        if (pos < end && isIdentifierPart(buf[pos])) {
            throw malformed("unexpected character " + describe(buf[pos] & 0xFF) + " in a number");
        }
        numberStart = start;
        numberEnd = pos;
        return fraction ? Token.NUMBER_FLOAT : Token.NUMBER_INT;
    }

    /**
     * Reads a field name (or map key) whose opening quote was consumed. Known AWS names come back as canonical
     * instances without allocating; others as new strings.
     */
    private String name() {
        int start = pos;
        int close = plainEnd(start);
        if (close >= 0) {
            String known = KnownNames.lookup(buf, start, close - start);
            pos = close + 1;
            return known != null ? known : new String(buf, start, close - start, StandardCharsets.ISO_8859_1);
        }
        return escapedString(start);
    }

    /**
     * Returns the index of the closing quote when {@code buf[start..]} is plain (printable ASCII without escapes)
     * up to it, else -1. Scans eight bytes at a time while none of them is a quote, a backslash, a control
     * character or non-ASCII (SWAR: bit tricks on a long).
     */
    private int plainEnd(int start) {
        return plainEnd(buf, longs, start, end);
    }

    private static int plainEnd(byte[] buf, ByteBuffer longs, int start, int end) {
        int i = start;
        int limit = end - 8;
        while (i <= limit) {
            long word = longs.getLong(i);
            long quote = word ^ 0x2222222222222222L;
            long backslash = word ^ 0x5C5C5C5C5C5C5C5CL;
            long special = (((quote - 0x0101010101010101L) & ~quote)
                    | ((backslash - 0x0101010101010101L) & ~backslash)
                    | (word - 0x2020202020202020L)
                    | word) & 0x8080808080808080L;
            if (special != 0) {
                // The lowest flagged byte is a real one (borrows only flag bytes above it): jump straight to it.
                int at = i + (Long.numberOfTrailingZeros(special) >>> 3);
                return buf[at] == '"' ? at : -1;
            }
            i += 8;
        }
        while (i < end) {
            byte b = buf[i];
            if (b == '"') {
                return i;
            }
            if (b == '\\' || b < 0x20) { // b < 0x20 also catches bytes >= 0x80 (negative)
                return -1;
            }
            i++;
        }
        return -1;
    }

    /** Reads a string whose opening quote was consumed; leaves pos after the closing quote. */
    private String string() {
        int start = pos;
        int close = plainEnd(start);
        if (close >= 0) {
            pos = close + 1;
            return new String(buf, start, close - start, StandardCharsets.ISO_8859_1);
        }
        return escapedString(start);
    }

    /** A string with escapes, non-ASCII text or errors: sized once from its extent, then decoded and checked. */
    private String escapedString(int start) {
        int close = closingQuote(start);
        // Escapes and UTF-8 only shrink text, so the raw extent bounds the decoded length.
        byte[] latin1 = new byte[close - start];
        int n = 0;
        pos = start;
        while (pos < close) {
            int b = buf[pos] & 0xFF;
            if (b == '\\') {
                int c = peekEscape();
                if (c > 0xFF) {
                    return decodedString(start, close);
                }
                latin1[n++] = (byte) c;
                pos += buf[pos + 1] == 'u' ? 6 : 2;
            } else if (b < 0x20) {
                throw malformed("unescaped control character (code " + b + ") in a string");
            } else if (b >= 0x80) {
                return decodedString(start, close);
            } else {
                latin1[n++] = (byte) b;
                pos++;
            }
        }
        pos = close + 1;
        return new String(latin1, 0, n, StandardCharsets.ISO_8859_1);
    }

    /** The general path: any escapes, validated UTF-8. */
    private String decodedString(int start, int close) {
        StringBuilder sb = new StringBuilder(close - start);
        pos = start;
        while (pos < close) {
            int b = buf[pos] & 0xFF;
            if (b == '\\') {
                pos++;
                escape(sb);
            } else if (b < 0x20) {
                throw malformed("unescaped control character (code " + b + ") in a string");
            } else if (b < 0x80) {
                sb.append((char) b);
                pos++;
            } else {
                sb.appendCodePoint(utf8(b));
            }
        }
        pos = close + 1;
        return sb.toString();
    }

    /** The index of the quote that closes the string starting at {@code start}, skipping escaped characters. */
    private int closingQuote(int start) {
        for (int i = start; i < end; i++) {
            byte b = buf[i];
            if (b == '"') {
                return i;
            }
            if (b == '\\') {
                i++;
            }
        }
        pos = end;
        throw malformed("unexpected end of input in a string");
    }

    /** The character of the escape at {@code pos} without consuming it. */
    private int peekEscape() {
        if (pos + 1 >= end) {
            throw malformed("unexpected end of input in an escape");
        }
        byte e = buf[pos + 1];
        return switch (e) {
            case '"' -> '"';
            case '\\' -> '\\';
            case '/' -> '/';
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'u' -> {
                int save = pos;
                pos += 2;
                char c = hex4();
                pos = save;
                yield c;
            }
            default -> {
                pos++;
                throw malformed("invalid escape '\\" + (char) (e & 0xFF) + "' in a string");
            }
        };
    }

    private void escape(StringBuilder sb) {
        if (pos >= end) {
            throw malformed("unexpected end of input in an escape");
        }
        byte e = buf[pos++];
        switch (e) {
            case '"' -> sb.append('"');
            case '\\' -> sb.append('\\');
            case '/' -> sb.append('/');
            case 'b' -> sb.append('\b');
            case 'f' -> sb.append('\f');
            case 'n' -> sb.append('\n');
            case 'r' -> sb.append('\r');
            case 't' -> sb.append('\t');
            case 'u' -> sb.append(hex4());
            default -> throw malformed("invalid escape '\\" + (char) (e & 0xFF) + "' in a string");
        }
    }

    private char hex4() {
        if (pos + 4 > end) {
            throw malformed("unexpected end of input in a \\u escape");
        }
        int value = 0;
        for (int i = 0; i < 4; i++) {
            int digit = Character.digit(buf[pos + i] & 0xFF, 16);
            if (digit < 0) {
                throw malformed("invalid hex digit in a \\u escape");
            }
            value = value * 16 + digit;
        }
        pos += 4;
        return (char) value;
    }

    /** Decodes one UTF-8 sequence starting with {@code lead}; rejects malformed or overlong sequences. */
    private int utf8(int lead) {
        int length;
        int codePoint;
        int min;
        if ((lead & 0xE0) == 0xC0) {
            length = 2;
            codePoint = lead & 0x1F;
            min = 0x80;
        } else if ((lead & 0xF0) == 0xE0) {
            length = 3;
            codePoint = lead & 0x0F;
            min = 0x800;
        } else if ((lead & 0xF8) == 0xF0) {
            length = 4;
            codePoint = lead & 0x07;
            min = 0x10000;
        } else {
            throw malformed("invalid UTF-8 start byte 0x" + Integer.toHexString(lead));
        }
        if (pos + length > end) {
            throw malformed("truncated UTF-8 sequence");
        }
        for (int i = 1; i < length; i++) {
            int next = buf[pos + i] & 0xFF;
            if ((next & 0xC0) != 0x80) {
                throw malformed("invalid UTF-8 continuation byte 0x" + Integer.toHexString(next));
            }
            codePoint = (codePoint << 6) | (next & 0x3F);
        }
        if (codePoint < min || codePoint > 0x10FFFF || (codePoint >= 0xD800 && codePoint <= 0xDFFF)) {
            throw malformed("invalid UTF-8 sequence");
        }
        pos += length;
        return codePoint;
    }

    private static String describe(int c) {
        if (c < 0) {
            return "the end of input";
        }
        if (c >= 0x20 && c < 0x7F) {
            return "'" + (char) c + "'";
        }
        return "byte 0x" + Integer.toHexString(c);
    }

    private MalformedJsonException malformed(String message) {
        return new MalformedJsonException(message + " (" + location() + ")");
    }
}
