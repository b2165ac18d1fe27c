package dev.taskapi.local.reload;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Watches source trees and one file, and hands over what changed in batches: an editor's save is often several
 * events (write, rename, attribute change), and saving many files at once should cost one rebuild.
 */
final class SourceWatcher implements AutoCloseable {
  /** How long after the last event a batch is considered complete. */
  private static final long QUIET_MILLIS = 200;

  private final WatchService service;
  private final Path file;
  private final Consumer<Set<Path>> listener;
  private final Thread thread;

  private SourceWatcher(WatchService service, Path file, Consumer<Set<Path>> listener) {
    this.service = service;
    this.file = file;
    this.listener = listener;
    this.thread = Thread.ofPlatform().daemon().name("hot-reload-watcher").unstarted(this::run);
  }

  static SourceWatcher start(List<Path> trees, Path file, Consumer<Set<Path>> listener) throws IOException {
    SourceWatcher watcher = new SourceWatcher(FileSystems.getDefault().newWatchService(), file, listener);
    for (Path tree : trees) {
      watcher.registerTree(tree);
    }
    file.getParent().register(watcher.service, ENTRY_CREATE, ENTRY_MODIFY);
    watcher.thread.start();
    return watcher;
  }

  @Override
  public void close() {
    try {
      service.close();
    } catch (IOException e) {
      System.err.println("Could not stop watching the sources: " + e);
    }
  }

  private void registerTree(Path tree) throws IOException {
    if (!Files.isDirectory(tree)) {
      return;
    }
    try (Stream<Path> dirs = Files.walk(tree)) {
      for (Path dir : dirs.filter(Files::isDirectory).toList()) {
        dir.register(service, ENTRY_CREATE, ENTRY_MODIFY, ENTRY_DELETE);
      }
    }
  }

  private void run() {
    try {
      while (true) {
        Set<Path> changed = new LinkedHashSet<>();
        collect(service.take(), changed);
        WatchKey more;
        while ((more = service.poll(QUIET_MILLIS, TimeUnit.MILLISECONDS)) != null) {
          collect(more, changed);
        }
        if (!changed.isEmpty()) {
          try {
            listener.accept(changed);
          } catch (RuntimeException e) {
            System.err.println("Hot reload failed: " + e);
            e.printStackTrace();
          }
        }
      }
    } catch (ClosedWatchServiceException | InterruptedException e) {
      // Stopped.
    }
  }

  private void collect(WatchKey key, Set<Path> changed) {
    Path dir = (Path) key.watchable();
    for (WatchEvent<?> event : key.pollEvents()) {
      if (event.kind() == OVERFLOW) {
        continue;
      }
      Path path = dir.resolve((Path) event.context());
      boolean isFileItself = path.equals(file);
      if (dir.equals(file.getParent()) && !isFileItself) {
        continue; // the template's directory: only the template counts
      }
      if (event.kind() == ENTRY_CREATE && Files.isDirectory(path)) {
        try {
          registerTree(path);
        } catch (IOException e) {
          System.err.println("Cannot watch " + path + ": " + e);
        }
      }
      if (isFileItself || (!Files.isDirectory(path) && !isEditorScratch(path))) {
        changed.add(path);
      }
    }
    key.reset();
  }

  // Swap files, backups and vim's write test ("4913") are not sources.
  private static boolean isEditorScratch(Path path) {
    String name = path.getFileName().toString();
    return name.startsWith(".") || name.endsWith("~") || name.endsWith(".swp") || name.equals("4913");
  }
}
