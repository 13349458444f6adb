// Package load owns the dataset on disk: Arrow records in, Parquet part files
// out (arrow/go pqarrow writer), Hive-style year partitions, atomic snapshot
// publication, and reading tables back with parquet-go, an independent
// implementation, for inspect, eval and statistics.
package load

import "github.com/apache/arrow/go/v17/arrow"

// Sink receives Arrow record batches for one run. It is the only thing the
// transform stage talks to: Add appends a batch to a table partition, Close
// makes every part file durable. Nothing a Sink writes is visible to readers
// until the snapshot holding it is published.
type Sink interface {
	// Add writes rec to table's partition. part is the Hive partition value
	// ("2020", or "" for none/unknown, which becomes __HIVE_DEFAULT_PARTITION__
	// for partitioned tables).
	Add(table, part string, rec arrow.Record) error
	Close() error
}

// Partitioned lists the tables that are split into year=YYYY directories.
var Partitioned = map[string]bool{"facts": true, "documents": true, "pages": true}

// HiveNull is the partition value DuckDB, Spark and Hive read as NULL.
const HiveNull = "__HIVE_DEFAULT_PARTITION__"
