package dev.taskapi.local.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.taskapi.local.aws.OwnerOnlyFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * The schedules, kept in {@code schedules.json} of the data folder ({@code .data/scheduler/}, 0700; the file 0600)
 * so that a restart keeps them. Every change rewrites the file and renames it into place before the call that made
 * it is answered, so an acknowledged CreateSchedule, UpdateSchedule or DeleteSchedule survives kill -9.
 */
final class StoredSchedules {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path file;
  private final Map<String, Schedule> byKey = new TreeMap<>();

  private StoredSchedules(Path file) {
    this.file = file;
  }

  static StoredSchedules open(Path folder) {
    try {
      StoredSchedules stored = new StoredSchedules(OwnerOnlyFiles.folder(folder).resolve("schedules.json"));
      if (Files.isRegularFile(stored.file)) {
        for (JsonNode schedule : JSON.readTree(stored.file.toFile())) {
          Schedule read = Schedule.fromStored(schedule);
          stored.byKey.put(read.key(), read);
        }
      }
      return stored;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the schedules in " + folder, e);
    }
  }

  synchronized Optional<Schedule> get(String group, String name) {
    return Optional.ofNullable(byKey.get(Schedule.key(group, name)));
  }

  /** Every schedule, by group then name. */
  synchronized List<Schedule> all() {
    return List.copyOf(byKey.values());
  }

  synchronized void put(Schedule schedule) {
    Schedule old = byKey.put(schedule.key(), schedule);
    save(() -> restore(schedule.key(), old));
  }

  synchronized boolean remove(String group, String name) {
    Schedule old = byKey.remove(Schedule.key(group, name));
    if (old != null) {
      save(() -> restore(old.key(), old));
    }
    return old != null;
  }

  /**
   * Replaces {@code expected}, if it is still the stored version (an update or a delete since wins), by what
   * {@code change} makes of it (null: removed).
   */
  synchronized void replaceIfUnchanged(Schedule expected, UnaryOperator<Schedule> change) {
    if (!expected.equals(byKey.get(expected.key()))) {
      return;
    }
    Schedule changed = change.apply(expected);
    if (changed == null) {
      remove(expected.groupName(), expected.name());
    } else {
      put(changed);
    }
  }

  private void restore(String key, Schedule old) {
    if (old == null) {
      byKey.remove(key);
    } else {
      byKey.put(key, old);
    }
  }

  /** Writes the file; when it cannot be written, the change is undone in memory too and the call fails. */
  private void save(Runnable undo) {
    ArrayNode schedules = JSON.createArrayNode();
    byKey.values().forEach(schedule -> schedules.add(schedule.toStored()));
    try {
      OwnerOnlyFiles.replace(file, schedules.toString());
    } catch (IOException e) {
      undo.run();
      throw new UncheckedIOException("Cannot write " + file, e);
    }
  }
}
