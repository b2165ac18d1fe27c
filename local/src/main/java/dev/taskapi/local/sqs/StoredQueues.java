package dev.taskapi.local.sqs;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What ElasticMQ's H2 storage holds before ElasticMQ opens it: each stored queue and how many messages it keeps.
 * The names follow ElasticMQ 1.7.1's persistence-sql module: table {@code queue (name, data)}, and a table
 * {@code message_<name with . and - as _>_<hex of name.hashCode()>} per queue (QueueRepository,
 * MessageRepository).
 */
final class StoredQueues {
  private StoredQueues() {}

  /** Queue name to stored message count; empty when there is no database yet. */
  static Map<String, Long> messageCounts(String jdbcUri) {
    Map<String, Long> counts = new LinkedHashMap<>();
    // IFEXISTS: a first start has no database, and this look must not create one.
    try (Connection db = DriverManager.getConnection(jdbcUri + ";IFEXISTS=TRUE", "", "");
        Statement statement = db.createStatement()) {
      if (!tableExists(db, "QUEUE")) {
        return counts;
      }
      try (ResultSet queues = statement.executeQuery("select name from queue")) {
        while (queues.next()) {
          counts.put(queues.getString(1), 0L);
        }
      }
      for (Map.Entry<String, Long> queue : counts.entrySet()) {
        String table = messageTable(queue.getKey());
        if (tableExists(db, table.toUpperCase(java.util.Locale.ROOT))) {
          try (ResultSet count = statement.executeQuery("select count(*) from " + table)) {
            count.next();
            queue.setValue(count.getLong(1));
          }
        }
      }
      return counts;
    } catch (SQLException e) {
      if (e.getErrorCode() == org.h2.api.ErrorCode.DATABASE_NOT_FOUND_WITH_IF_EXISTS_1) {
        return counts;
      }
      throw new IllegalStateException("Cannot read ElasticMQ's storage " + jdbcUri + ": " + e.getMessage(), e);
    }
  }

  static String messageTable(String queueName) {
    return "message_" + queueName.replace(".", "_").replace("-", "_") + "_" + Integer.toHexString(queueName.hashCode());
  }

  private static boolean tableExists(Connection db, String name) throws SQLException {
    try (ResultSet tables = db.getMetaData().getTables(null, null, name, null)) {
      return tables.next();
    }
  }
}
