package rightsize.run;

import com.typesafe.config.ConfigFactory;
import java.util.Map;
import rightsize.config.RightsizeSettings;
import rightsize.record.LoadUnit;
import rightsize.record.RequestRecord;
import rightsize.record.Status;

/**
 * A run that dies as under {@code kill -9}: it writes two records into {@code <args[0]>/killed/},
 * waits until they are on disk, then halts the JVM, which runs no shutdown hook and closes nothing.
 */
public final class KilledRun {
  private KilledRun() {}

  public static void main(String[] args) throws Exception {
    RightsizeSettings settings = RightsizeSettings.from(
        ConfigFactory.parseString("rightsize.run { id = killed, results-dir = \"" + args[0] + "\" }"), Map.<String, String>of()::get);
    RightsizeRun run = RightsizeRun.start(settings);
    for (String id : new String[] {"first", "second"}) {
      run.record(new RequestRecord("killed", "injector-1", "s", "d", "emulator", null, "1 user", 1, LoadUnit.USERS, false,
          "chat", id, System.currentTimeMillis() * 1000, 10.0, 20.0, null,
          new RequestRecord.Tokens(5, 7, null, null, RequestRecord.TokenSource.usage), "stop", Status.OK, 200, null, null, null));
    }
    // The writer flushes every 250 ms: then the records are in the file, as they are when a real run is killed.
    Thread.sleep(600);
    Runtime.getRuntime().halt(137);
  }
}
