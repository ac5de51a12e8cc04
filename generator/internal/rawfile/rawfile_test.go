package rawfile

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

func TestReadWrite(t *testing.T) {
	dir := t.TempDir()
	for _, size := range []int{0, 1, 4095, 4096, 1 << 20} {
		name := filepath.Join(dir, "f")
		data := bytes.Repeat([]byte("ąb"), size/2+size%2)[:size]
		if err := WriteFile(name, data); err != nil {
			t.Fatal(err)
		}
		if err := WriteFile(name, data); err != nil { // truncates
			t.Fatal(err)
		}
		got, err := ReadFile(name)
		if err != nil || !bytes.Equal(got, data) {
			t.Fatalf("size %d: read %d bytes, %v", size, len(got), err)
		}
		if want, _ := os.ReadFile(name); !bytes.Equal(want, data) {
			t.Fatalf("size %d: os reads %d bytes", size, len(want))
		}
	}
	if _, err := ReadFile(filepath.Join(dir, "none")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing file: %v", err)
	}
	if _, err := ReadFile(dir); err == nil {
		t.Error("reading a folder succeeded")
	}
	if err := WriteFile(filepath.Join(dir, "f", "under-a-file"), nil); err == nil {
		t.Error("writing under a file succeeded")
	}
}
