// Who published or changed something: the logged-in administrator by name, others by user number
// (the admin API answers user ids; only this session's user is known by name here).
import { useSession } from '../app/session';

export function useWho(): (id: number | null | undefined) => string {
  const { me } = useSession();
  return (id) => (id === null || id === undefined ? '系统' : id === me?.user.id ? me.user.displayName : `用户 #${id}`);
}
