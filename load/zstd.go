package load

import (
	"sync"

	"github.com/apache/arrow/go/v17/parquet/compress"
	"github.com/klauspost/compress/zstd"
)

// arrow v17's zstd codec builds a new encoder (and its tables) for every
// page it compresses: on a run of small part files that was half of all CPU
// time. This codec keeps one encoder per level; EncodeAll is safe for
// concurrent use. Everything else is arrow's own codec.
type pooledZstd struct {
	compress.Codec
	mu   sync.Mutex
	encs map[zstd.EncoderLevel]*zstd.Encoder
}

func (z *pooledZstd) encoder(level int) *zstd.Encoder {
	l := zstd.EncoderLevelFromZstd(level)
	if level == compress.DefaultCompressionLevel {
		l = zstd.SpeedDefault
	}
	z.mu.Lock()
	defer z.mu.Unlock()
	e := z.encs[l]
	if e == nil {
		// A 1 MiB window: a Parquet page is about that size, and the default
		// 8 MiB window makes each encoder keep a 16 MiB history buffer.
		// No frame checksum: it is optional in zstd, Parquet readers do not
		// need it, and it would hash every page once more.
		e, _ = zstd.NewWriter(nil, zstd.WithZeroFrames(true), zstd.WithEncoderLevel(l), zstd.WithEncoderConcurrency(1),
			zstd.WithWindowSize(1<<20), zstd.WithEncoderCRC(false))
		z.encs[l] = e
	}
	return e
}

// CompressBound is what arrow's page writer allocates (and the runtime
// clears) for each column chunk's compressed pages, although only the slice
// Encode returns is used and Encode appends, growing dst when it must. The
// worst case, a page's own size, wastes most of that: pages of text compress
// about 18×. A quarter of the page is enough for most columns.
func (z *pooledZstd) CompressBound(n int64) int64 {
	return n / 4
}

func (z *pooledZstd) Encode(dst, src []byte) []byte {
	return z.encoder(compress.DefaultCompressionLevel).EncodeAll(src, dst[:0])
}

func (z *pooledZstd) EncodeLevel(dst, src []byte, level int) []byte {
	return z.encoder(level).EncodeAll(src, dst[:0])
}

func init() {
	base, err := compress.GetCodec(compress.Codecs.Zstd)
	if err != nil {
		panic(err)
	}
	compress.RegisterCodec(compress.Codecs.Zstd, &pooledZstd{Codec: base, encs: map[zstd.EncoderLevel]*zstd.Encoder{}})
}
