/** Which task's plan the Plan tab shows; History's "Върни" switches it to the revert it planned. */
import { create } from 'zustand';

export type PlanTask = 'export' | 'import' | 'revert';

interface PlanTaskState {
  task: PlanTask;
  setTask(task: PlanTask): void;
}

export const usePlanTaskStore = create<PlanTaskState>((set) => ({
  task: 'export',
  setTask(task) {
    set({ task });
  },
}));
