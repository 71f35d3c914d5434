/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.events.dynamodb;

import io.serverless4j.events.internal.Checks;
import java.math.BigDecimal;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * A DynamoDB attribute value as DynamoDB Streams sends it ({@code {"S": "..."}}, {@code {"N": "1"}}, ...): one
 * record type per DynamoDB data type, so a {@code switch} over the sealed hierarchy is exhaustive.
 *
 * <p>Numbers keep their exact text; binary values keep their base64 text and decode on request. All
 * implementations are immutable and thread-safe. To get AWS SDK v2 values, see {@link DynamoDbImages}.
 */
public sealed interface AttributeValue {

    /**
     * A string ({@code S}).
     *
     * @param value the string; required
     */
    record StringValue(String value) implements AttributeValue {
        /**
         * Validates the value.
         *
         * @throws NullPointerException if {@code value} is null
         */
        public StringValue {
            Checks.required(value, "S");
        }
    }

    /**
     * A number ({@code N}), kept as DynamoDB's exact decimal text.
     *
     * @param value the number as text, e.g. {@code 101} or {@code 3.14}; required
     */
    record NumberValue(String value) implements AttributeValue {
        /**
         * Validates the value.
         *
         * @throws NullPointerException if {@code value} is null
         * @throws IllegalArgumentException if {@code value} is not a decimal number
         */
        public NumberValue {
            Checks.required(value, "N");
            checkNumber(value, "N");
        }

        /**
         * Returns the number as an exact decimal.
         *
         * @return the value
         */
        public BigDecimal bigDecimalValue() {
            return new BigDecimal(value);
        }
    }

    /**
     * A binary value ({@code B}), kept as base64 text.
     *
     * @param base64 the bytes in base64, as DynamoDB Streams sends them; required
     */
    record BinaryValue(String base64) implements AttributeValue {
        /**
         * Validates the value.
         *
         * @throws NullPointerException if {@code base64} is null
         */
        public BinaryValue {
            Checks.required(base64, "B");
        }

        /**
         * Creates a binary value from bytes.
         *
         * @param bytes the bytes
         * @return the value
         */
        public static BinaryValue of(byte[] bytes) {
            return new BinaryValue(Base64.getEncoder().encodeToString(bytes));
        }

        /**
         * Returns the decoded bytes.
         *
         * @return a fresh array
         * @throws IllegalArgumentException if the text is not valid base64
         */
        public byte[] bytes() {
            return Base64.getDecoder().decode(base64);
        }
    }

    /**
     * A string set ({@code SS}).
     *
     * @param values the strings; never null
     */
    record StringSet(List<String> values) implements AttributeValue {
        /**
         * Copies the values.
         *
         * @throws IllegalArgumentException if an element is null
         */
        public StringSet {
            values = Checks.list(values, "SS");
        }
    }

    /**
     * A number set ({@code NS}), each number as exact decimal text.
     *
     * @param values the numbers as text; never null
     */
    record NumberSet(List<String> values) implements AttributeValue {
        /**
         * Validates and copies the values.
         *
         * @throws IllegalArgumentException if an element is null or not a decimal number
         */
        public NumberSet {
            values = Checks.list(values, "NS");
            for (int i = 0; i < values.size(); i++) {
                checkNumber(values.get(i), "NS[" + i + "]");
            }
        }
    }

    /**
     * A binary set ({@code BS}), each element as base64 text.
     *
     * @param base64Values the byte arrays in base64; never null
     */
    record BinarySet(List<String> base64Values) implements AttributeValue {
        /**
         * Copies the values.
         *
         * @throws IllegalArgumentException if an element is null
         */
        public BinarySet {
            base64Values = Checks.list(base64Values, "BS");
        }

        /**
         * Returns the decoded byte arrays.
         *
         * @return fresh arrays, in order
         * @throws IllegalArgumentException if an element is not valid base64
         */
        public List<byte[]> bytes() {
            return base64Values.stream().map(Base64.getDecoder()::decode).toList();
        }
    }

    /**
     * A map ({@code M}).
     *
     * @param values the attributes by name; never null
     */
    record MapValue(Map<String, AttributeValue> values) implements AttributeValue {
        /**
         * Copies the values.
         *
         * @throws IllegalArgumentException if a value is null
         */
        public MapValue {
            values = Checks.map(values, "M");
        }
    }

    /**
     * A list ({@code L}).
     *
     * @param values the elements; never null
     */
    record ListValue(List<AttributeValue> values) implements AttributeValue {
        /**
         * Copies the values.
         *
         * @throws IllegalArgumentException if an element is null
         */
        public ListValue {
            values = Checks.list(values, "L");
        }
    }

    /** The DynamoDB null ({@code {"NULL": true}}). */
    record NullValue() implements AttributeValue {
    }

    /**
     * A boolean ({@code BOOL}).
     *
     * @param value the boolean
     */
    record BoolValue(boolean value) implements AttributeValue {
    }

    private static void checkNumber(String value, String field) {
        try {
            new BigDecimal(value);
        } catch (NumberFormatException e) {
            throw Checks.invalid(field, "expected a decimal number, found \"" + value + '"');
        }
    }
}
