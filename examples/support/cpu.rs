//! CPU time for the timing examples.

/// User CPU seconds of this process so far, all threads (Linux
/// `/proc/self/stat`, field 14, in clock ticks of 1/100 s); 0 elsewhere.
pub fn user_seconds() -> f64 {
    std::fs::read_to_string("/proc/self/stat")
        .ok()
        .and_then(|stat| {
            // The command name (field 2) may hold spaces: count after it.
            let rest = &stat[stat.rfind(')')? + 2..];
            rest.split(' ').nth(11)?.parse::<f64>().ok()
        })
        .map_or(0.0, |ticks| ticks / 100.0)
}
