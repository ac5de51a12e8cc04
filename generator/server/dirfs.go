package server

import (
	"fmt"
	"io/fs"
	"os"
)

// DirFS opens a built site folder for a Snapshot. Unlike os.DirFS it is
// confined with os.Root: a symbolic link inside the folder that points
// outside it cannot be opened, so a stray link in public/ never exposes the
// rest of the disk. Links that stay inside the folder work.
//
// The folder is held open by descriptor, so a build that renames a staging
// folder over public/ does not change what an existing snapshot serves:
// call DirFS again for every new snapshot. The descriptor is closed when the
// returned FS is no longer referenced (os.Root closes itself when garbage
// collected).
func DirFS(dir string) (fs.FS, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, fmt.Errorf("serve: %w", err)
	}
	return root.FS(), nil
}
