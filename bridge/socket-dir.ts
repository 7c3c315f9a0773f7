/** The socket's folder: the user's own, and closed to everyone else, or the host does not listen. */
import { chmod, lstat, mkdir } from 'node:fs/promises';
import path from 'node:path';

export async function privateDir(socket: string): Promise<void> {
  if (socket.startsWith('\\\\.\\pipe\\')) return;
  const dir = path.dirname(socket);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const stat = await lstat(dir);
  if (!stat.isDirectory()) throw new Error(`${dir} is not a directory.`);
  if (process.getuid && stat.uid !== process.getuid()) throw new Error(`${dir} belongs to another user.`);
  if (stat.mode & 0o077) await chmod(dir, 0o700);
}
