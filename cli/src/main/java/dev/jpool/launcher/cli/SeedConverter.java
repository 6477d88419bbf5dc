package dev.jpool.launcher.cli;

import java.security.SecureRandom;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A seed is any long, or {@code random} for a fresh one (printed in the report). */
final class SeedConverter implements ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
        if ("random".equalsIgnoreCase(value.trim())) {
            return new SecureRandom().nextLong();
        }
        try {
            return Long.parseLong(value.trim().replace("_", ""));
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + value + "' is not a whole number (or 'random')");
        }
    }
}
