package main

import (
	"bytes"
	"os"
	"runtime/metrics"
	"runtime/pprof"
	"time"
)

// startPeakMemProfile watches the live heap (what the last collection kept)
// and, each time it passes its highest mark by a twentieth, takes a heap
// profile. stop writes the last one taken to file: the heap as it was at
// the build's peak, which a profile taken at the end would not show (by
// then most of it is garbage).
func startPeakMemProfile(file string) (stop func() error, err error) {
	out, err := os.Create(file)
	if err != nil {
		return nil, err
	}
	done := make(chan struct{})
	finished := make(chan []byte)
	go func() {
		sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
		var peak uint64
		var prof bytes.Buffer
		tick := time.NewTicker(20 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-done:
				finished <- prof.Bytes()
				return
			case <-tick.C:
			}
			metrics.Read(sample)
			live := sample[0].Value.Uint64()
			if live < peak+peak/20 {
				continue
			}
			peak = live
			prof.Reset()
			pprof.Lookup("heap").WriteTo(&prof, 0)
		}
	}()
	return func() error {
		close(done)
		b := <-finished
		var err error
		if len(b) == 0 { // the build ended before any collection
			err = pprof.Lookup("heap").WriteTo(out, 0)
		} else {
			_, err = out.Write(b)
		}
		if cerr := out.Close(); err == nil {
			err = cerr
		}
		return err
	}, nil
}
