package generator

import (
	"context"
	"fmt"
	"path/filepath"

	"github.com/razem/razem/generator/config"
	"github.com/razem/razem/generator/publish"
)

// BuildInto builds the site and publishes it at dest, as razem build does.
// A staging folder beside dest receives each page as it renders and the
// bleve index as it is written; then the service worker and manifest are
// computed from it, and it is swapped in. A failed build removes the
// staging folder and leaves dest as it was. It returns the number of files
// written, the bleve index's not counted.
func BuildInto(ctx context.Context, o Options, dest string) (*Result, int, error) {
	return BuildEditions(ctx, o, dest, "")
}

// BuildEditions is BuildInto that also publishes the trainer edition at
// trainerDest (unless it is ""), through a staging folder of its own: both
// are swapped in only when the whole build succeeded. The count is the
// learner edition's.
//
// Neither destination may overlap the sources or the other (see
// publish.Sources), and razem replaces only files it wrote (see
// publish.ManifestFile). Both are swapped in only when both are ready
// (publish.CommitAll).
func BuildEditions(ctx context.Context, o Options, dest, trainerDest string) (*Result, int, error) {
	cfg, _ := loadConfig(o) // its errors are the build's to report
	src := SourcesOf(o, cfg)
	st, err := publish.Begin(dest, src.And(trainerDest))
	if err != nil {
		return &Result{}, 0, err // it names dest
	}
	st.Claim(BleveDir)
	var tst *publish.Staging
	if trainerDest != "" {
		if tst, err = publish.Begin(trainerDest, src.And(dest)); err != nil {
			st.Abort()
			return &Result{}, 0, err
		}
		o.Trainer, o.TrainerSink, o.SharedSink = true, tst.Send, publish.Tee(st, tst)
	}
	o.IndexDir, o.Sink = filepath.Join(st.Dir(), filepath.FromSlash(BleveDir)), st.Send
	res, err := Build(ctx, o)
	if werr := st.Wait(); err == nil && werr != nil {
		err = fmt.Errorf("writing %s: %w", dest, werr)
	}
	if tst != nil {
		if werr := tst.Wait(); err == nil && werr != nil {
			err = fmt.Errorf("writing %s: %w", trainerDest, werr)
		}
	}
	if err == nil {
		err = finish(st, res)
	}
	if err == nil && tst != nil {
		err = finish(tst, res)
	}
	if ierr := res.WaitIndex(); err == nil && ierr != nil { // also after a failure: the writer is in st
		err = fmt.Errorf("search index: %w", ierr)
	}
	if err != nil {
		st.Abort()
		if tst != nil {
			tst.Abort()
		}
		return res, 0, err
	}
	all := []*publish.Staging{st}
	if tst != nil {
		all = append(all, tst)
	}
	if err := publish.CommitAll(all...); err != nil {
		return res, 0, err // it names the folder
	}
	return res, st.Files(), nil
}

// SourcesOf lists what a build reads from a site on disk (DirFS): no
// output may overlap it. A site held elsewhere (in memory) cannot be
// written over.
func SourcesOf(o Options, cfg config.Config) publish.Sources {
	d, ok := o.Source.(dirFS)
	if !ok {
		return publish.Sources{}
	}
	in := []string{cfg.ContentDir, cfg.ThemesDir, "layouts", "i18n", configName(o)}
	for _, s := range cfg.Static {
		in = append(in, s.From)
	}
	src := publish.Sources{Root: d.dir}
	for _, p := range in {
		if p != "" && p != "." {
			src.Inputs = append(src.Inputs, filepath.Join(d.dir, filepath.FromSlash(p)))
		}
	}
	return src
}

// finish adds the offline files, which list and hash the pages written.
func finish(st *publish.Staging, res *Result) error {
	offline, err := OfflineFiles(res.Config, res.Site, st.Written())
	for _, f := range offline {
		if err == nil {
			err = st.Write(f)
		}
	}
	if err != nil {
		return fmt.Errorf("writing %s: %w", st.Dir(), err)
	}
	return nil
}
