package io.jwtguard.core.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Captures the java.util.logging records of one logger and its children (every level) while
 * open. {@code System.Logger} uses java.util.logging when no other backend is installed, as in
 * these tests.
 */
public final class LogCapture implements AutoCloseable {
    /** One captured record: its level and its formatted message (parameters filled in). */
    public record Entry(Level level, String message) {
        /** @return whether this record is a warning or more severe */
        public boolean isWarning() {
            return level.intValue() >= Level.WARNING.intValue();
        }
    }

    private final Logger logger;
    private final Level previousLevel;
    private final List<Entry> entries = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        private final SimpleFormatter formatter = new SimpleFormatter();

        @Override
        public void publish(LogRecord record) {
            String message = formatter.formatMessage(record);
            if (record.getThrown() != null) {
                message += " | " + record.getThrown();
            }
            entries.add(new Entry(record.getLevel(), message));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private LogCapture(String loggerName) {
        this.logger = Logger.getLogger(loggerName);
        this.previousLevel = logger.getLevel();
        handler.setLevel(Level.ALL);
        logger.setLevel(Level.ALL);
        logger.addHandler(handler);
    }

    /** Starts capturing {@code loggerName} and the loggers below it (for example a package). */
    public static LogCapture of(String loggerName) {
        return new LogCapture(loggerName);
    }

    /** @return every record captured so far, in order */
    public List<Entry> entries() {
        return List.copyOf(entries);
    }

    /** @return the messages of the records at WARNING or above */
    public List<String> warnings() {
        return entries.stream().filter(Entry::isWarning).map(Entry::message).toList();
    }

    /** @return every captured message, whatever its level */
    public List<String> messages() {
        return entries.stream().map(Entry::message).toList();
    }

    /** Forgets what was captured so far. */
    public void clear() {
        entries.clear();
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
        logger.setLevel(previousLevel);
    }
}
